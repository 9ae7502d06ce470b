package org.byzmarina.experiment;

import org.byzmarina.problems.Problem;
import org.byzmarina.protocol.Simulation;
import org.byzmarina.protocol.Snapshot;

/** Turns snapshots into metrics.csv rows (docs/algorithm.md "Metrics"). */
final class MetricsRecorder implements Simulation.Observer {
    private final Problem problem;
    private final Double fStar;
    private final MetricsCsv csv;
    private final double epochPerRound;
    private final double participation;
    private final long start;
    private final double[] grad;
    Double lastLoss;
    Double lastGap;
    long lastBits;
    long lastOracleCalls;
    long lastMajority;
    /** Wall time spent computing the metrics rows (loss, gradient, test metrics), in seconds. */
    double evalSeconds;

    /**
     * @param epochPerRound 1/(rounds per epoch): b/m, or 1/R under --coin epoch
     * @param participation C/n, the share of clients sampled in a round (client_epochs = epoch·C/n)
     */
    MetricsRecorder(Problem problem, Double fStar, MetricsCsv csv, double epochPerRound, double participation, long start) {
        this.problem = problem;
        this.fStar = fStar;
        this.csv = csv;
        this.epochPerRound = epochPerRound;
        this.participation = participation;
        this.start = start;
        this.grad = problem.lossGradient() ? new double[problem.dim()] : null;
    }

    @Override
    public boolean modelDiverged() {
        return lastLoss == null; // the last row's loss was non-finite: the divergence rule's model clause
    }

    @Override
    public void evaluate(Snapshot s) {
        long t0 = System.nanoTime();
        boolean exact = problem.lossGradient();
        double loss = problem.loss(s.x(), exact ? grad : null);
        Double gradSq = null;
        Double errSq = null;
        if (exact) {
            double gs = 0;
            double es = 0;
            for (int j = 0; j < grad.length; j++) {
                gs += grad[j] * grad[j];
                double e = s.g()[j] - grad[j];
                es += e * e;
            }
            gradSq = gs;
            errSq = es;
        }
        double[] test = problem.testMetrics(s.x());
        evalSeconds += (System.nanoTime() - t0) / 1e9;
        Double gap = fStar == null ? null : loss - fStar;
        double epoch = s.round() * epochPerRound;
        csv.row(s.round(), epoch, epoch * participation, s.oracleCalls(), loss, gap, gradSq, errSq,
                Double.isNaN(s.clipLevel()) ? null : s.clipLevel(), s.bits(), s.majorityRounds(),
                s.clippableGood() == 0 ? null : (double) s.clippedGood() / s.clippableGood(),
                test == null ? null : test[0], test == null ? null : test[1], s.shortRounds(), s.emptyRounds(),
                (System.nanoTime() - start) / 1e9);
        lastLoss = Double.isFinite(loss) ? loss : null;
        lastGap = gap == null || !Double.isFinite(gap) ? null : gap;
        lastBits = s.bits();
        lastOracleCalls = s.oracleCalls();
        lastMajority = s.majorityRounds();
    }
}
