package org.byzmarina.attacks;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;

/** NA: no attack. The Byzantine clients are removed (n becomes n − B), so every sampled client is good. */
public final class NoAttack {
    public static final Component<Attack, AttackEnv> COMPONENT = Component.<Attack, AttackEnv>of(Kind.ATTACK, "na",
            "no attack: the Byzantine clients are removed", "", List.of(), (v, env) -> null);

    private NoAttack() {
    }
}
