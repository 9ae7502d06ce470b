package org.byzmarina.attacks;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;
import org.byzmarina.kernels.Batch;

/**
 * Entry-wise constant messages v, in either space: NaN, ±Inf (alternating by Byzantine) and ±1e38
 * (alternating by coordinate). They test the non-finite rule and overflow safety, not robustness.
 */
public final class HostileVectors implements Attack {
    /** Coordinate j of Byzantine r's message. */
    interface Value {
        float at(int byzantine, int j);
    }

    public static final Component<Attack, AttackEnv> NAN = Component.<Attack, AttackEnv>of(Kind.ATTACK, "nan",
            "vectors of NaN (tests the non-finite rule)", "", List.of(),
            (v, env) -> new HostileVectors("nan", (r, j) -> Float.NaN));
    public static final Component<Attack, AttackEnv> INF = Component.<Attack, AttackEnv>of(Kind.ATTACK, "inf",
            "vectors of +Inf or −Inf (tests the non-finite rule)", "", List.of(),
            (v, env) -> new HostileVectors("inf", (r, j) -> r % 2 == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY));
    public static final Component<Attack, AttackEnv> BIG = Component.<Attack, AttackEnv>of(Kind.ATTACK, "big",
            "vectors of ±1e38 (tests overflow safety)", "", List.of(),
            (v, env) -> new HostileVectors("big", (r, j) -> (r + j) % 2 == 0 ? 1e38f : -1e38f));

    private final String name;
    private final Value value;

    HostileVectors(String name, Value value) {
        this.name = name;
        this.value = value;
    }

    @Override
    public void craft(AttackContext ctx, Batch batch) {
        for (int r = 0; r < ctx.byzantines(); r++) {
            for (int j = 0; j < batch.dim(); j++) {
                batch.set(ctx.goodRows() + r, j, value.at(r, j));
            }
        }
    }

    @Override
    public String describe() {
        return name;
    }
}
