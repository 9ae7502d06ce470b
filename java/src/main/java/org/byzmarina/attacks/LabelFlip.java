package org.byzmarina.attacks;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;
import org.byzmarina.kernels.Batch;

/**
 * LF, label flipping: u = ∇f_{i,J}(z) on flipped labels (y → 1 − y), a plain minibatch gradient of
 * the Byzantine's own data (the server loop computes it). In the difference space it is the honest
 * difference on flipped labels, which for the logistic loss equals the honest difference: label
 * flipping cancels in a gradient difference.
 */
public final class LabelFlip implements Attack {
    public static final Component<Attack, AttackEnv> COMPONENT = Component.<Attack, AttackEnv>of(Kind.ATTACK, "lf",
            "label flipping: the minibatch gradient of the Byzantine's own data on flipped labels", "Allen-Zhu et al., ICLR 2021",
            List.of(), (v, env) -> new LabelFlip());

    @Override
    public boolean startsFromOwnVector() {
        return true;
    }

    @Override
    public boolean flipsLabels() {
        return true;
    }

    @Override
    public void craft(AttackContext ctx, Batch batch) {
        if (ctx.space() != AttackSpace.FULL || ctx.shift() == null) {
            return; // the rows already hold the message
        }
        for (int r = 0; r < ctx.byzantines(); r++) {
            int row = ctx.goodRows() + r;
            for (int j = 0; j < batch.dim(); j++) {
                batch.set(row, j, (float) ctx.message(j, batch.get(row, j)));
            }
        }
    }

    @Override
    public String describe() {
        return "lf";
    }
}
