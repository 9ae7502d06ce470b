package org.byzmarina.attacks;

import java.util.Locale;

/**
 * Where a Byzantine forms its vector (docs/algorithm.md "Attacks", attack space).
 *
 * <ul>
 *   <li>{@link #FULL} (the default, as the paper's experiments and the authors' code run their
 *       attacks): a full vector u shaped like what an honest client holds after the round; the server
 *       receives u where it aggregates full vectors and v = u − g^k where it aggregates differences;</li>
 *   <li>{@link #DIFFERENCE} (ablation only): the attack formulas applied to the honest messages
 *       themselves (Q(Δ_i) in difference rounds), which makes bit and label flipping nearly harmless.</li>
 * </ul>
 */
public enum AttackSpace {
    FULL, DIFFERENCE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AttackSpace parse(String s) {
        for (AttackSpace a : values()) {
            if (a.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("--attack-space expects full or difference, got '" + s + "'");
    }
}
