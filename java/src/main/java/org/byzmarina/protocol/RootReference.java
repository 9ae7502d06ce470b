package org.byzmarina.protocol;

import java.util.function.Supplier;
import org.byzmarina.clients.Clients;
import org.byzmarina.problems.Problem;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Seeds;

/**
 * The server's own vector of a round (FLTrust, MoNNA), computed on its root sample exactly as an honest
 * client would: its full gradient in full rounds, its minibatch gradient difference in difference
 * rounds (plus g^k where Byz-VR-MARINA's clients send full vectors), its (momentum) minibatch gradient
 * in the SGD family (minus g^{k−1} under eq. (10)). Its minibatches come from its own streams (the
 * root seed is derived from (seed, ROOT_SAMPLE)); it is not compressed (the server sends nothing).
 * The root problem is built on first use, and the vector is computed once per round.
 */
public final class RootReference implements ServerState.ReferenceSource {
    private final Supplier<Problem> rootProblem;
    private final ProtocolSettings s;
    private final double[] g;
    private Clients clients;
    private long k;
    private Clients.Work work;
    private double[] at;
    private double[] previous;
    private int gSign;
    private long cachedRound = Long.MIN_VALUE;
    private Clients.Work cachedWork;
    private double[] cached;

    /**
     * @param rootProblem builds the one-client root problem (called at most once)
     * @param g           the server's estimator (read when a message adds or subtracts it)
     */
    RootReference(Supplier<Problem> rootProblem, ProtocolSettings s, double[] g) {
        this.rootProblem = rootProblem;
        this.s = s;
        this.g = g;
    }

    /** The round's work; gSign = +1 adds g (Byz-VR-MARINA's full vectors), −1 subtracts it (eq. (10)), 0 neither. */
    void set(long k, Clients.Work work, double[] at, double[] previous, int gSign) {
        this.k = k;
        this.work = work;
        this.at = at;
        this.previous = previous;
        this.gSign = gSign;
    }

    @Override
    public void compute(double[] out) {
        if (cachedRound != k || cachedWork != work) {
            if (clients == null) {
                clients = new Clients(rootProblem.get(), Seeds.derive(s.seed(), 0, Seeds.SERVER, Purpose.ROOT_SAMPLE),
                        s.batch(), s.method() == Method.SGDM ? s.momentum() : -1, false);
            }
            if (cached == null) {
                cached = new double[out.length];
            }
            clients.compute(k, 0, work, at, previous, false, cached);
            for (int j = 0; j < cached.length; j++) {
                cached[j] += gSign * g[j];
            }
            cachedRound = k;
            cachedWork = work;
        }
        System.arraycopy(cached, 0, out, 0, out.length);
    }
}
