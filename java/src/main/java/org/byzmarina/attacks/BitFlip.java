package org.byzmarina.attacks;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;
import org.byzmarina.kernels.Batch;

/** BF, bit (sign) flipping: u = −∇f_{i,J}(z), the negated own minibatch gradient, in every kind of round. */
public final class BitFlip implements Attack {
    public static final Component<Attack, AttackEnv> COMPONENT = Component.<Attack, AttackEnv>of(Kind.ATTACK, "bf",
            "bit flipping: the negated minibatch gradient of the Byzantine's own data", "Allen-Zhu et al., ICLR 2021",
            List.of(), (v, env) -> new BitFlip());

    @Override
    public boolean startsFromOwnVector() {
        return true;
    }

    @Override
    public void craft(AttackContext ctx, Batch batch) {
        for (int r = 0; r < ctx.byzantines(); r++) {
            int row = ctx.goodRows() + r;
            for (int j = 0; j < batch.dim(); j++) {
                batch.set(row, j, (float) ctx.message(j, -(double) batch.get(row, j)));
            }
        }
    }

    @Override
    public String describe() {
        return "bf";
    }
}
