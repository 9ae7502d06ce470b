package org.byzmarina.attacks;

import org.byzmarina.kernels.Kernels;

/**
 * What an attack's factory needs besides its settings.
 *
 * @param clients     n (after the na attack's removal)
 * @param byzantine   B
 * @param epochRounds rounds per epoch (mimic's default warm-up)
 */
public record AttackEnv(Kernels kernels, int clients, int byzantine, long epochRounds) {
}
