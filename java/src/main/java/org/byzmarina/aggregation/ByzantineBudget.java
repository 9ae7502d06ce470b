package org.byzmarina.aggregation;

/**
 * How many Byzantine inputs a rule is told to expect (its f or t). Inside the protocol each Byzantine
 * input can contaminate at most one bucket, so with m raw inputs (before bucketing) of which a
 * fraction q = B/n is Byzantine, a rule receiving m_in inputs is told f = min(⌈q·m⌉, cap(m_in)),
 * where cap is what the rule tolerates: ⌊(m_in − 3)/2⌋ for Krum, Multi-Krum and NNM, ⌊(m_in − 1)/2⌋
 * for CWTM, MeaMed, MDA, SMEA, MoNNA and ARC, ⌊(m_in − 3)/4⌋ for Bulyan. The `aggregate` command
 * takes its --byzantine literally: no cap (a rule that cannot work with it refuses).
 */
@FunctionalInterface
public interface ByzantineBudget {
    /**
     * f for a rule receiving mIn inputs made from {@code before} raw inputs.
     *
     * @param cap the most Byzantine inputs the rule tolerates among mIn (protocol budgets stop there)
     */
    int forInputs(int before, int mIn, int cap);

    /** Always f (the `aggregate` command's --byzantine). */
    static ByzantineBudget literal(int f) {
        if (f < 0) {
            throw new IllegalArgumentException("the number of Byzantine inputs must be >= 0, got " + f);
        }
        return (before, m, cap) -> f;
    }

    /** The protocol's budget from B Byzantine clients out of n: min(⌈(B/n)·m⌉, cap). */
    static ByzantineBudget of(int byzantine, int clients) {
        return (before, m, cap) -> (int) Math.max(0, Math.min(expected(byzantine, clients, before), cap));
    }

    /** The protocol's budget from an assumed Byzantine fraction q in [0, 1): min(⌈q·m⌉, cap). */
    static ByzantineBudget ofFraction(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("the assumed Byzantine fraction must be in [0, 1), got " + fraction);
        }
        return (before, m, cap) -> (int) Math.max(0, Math.min((long) Math.ceil(fraction * before - 1e-9), cap));
    }

    /** ⌈(count/of)·m⌉ in exact 64-bit integer arithmetic. */
    static long expected(long count, long of, long m) {
        return (count * m + of - 1) / of;
    }

    /** ⌊(m − 3)/2⌋ (at least 0): Krum, Multi-Krum and NNM need m ≥ 2f + 3. */
    static int krumCap(int m) {
        return Math.max(0, (m - 3) / 2);
    }

    /** ⌊(m − 1)/2⌋ (at least 0): a strict minority. */
    static int minorityCap(int m) {
        return Math.max(0, (m - 1) / 2);
    }

    /** ⌊(m − 3)/4⌋ (at least 0): Bulyan needs m ≥ 4f + 3. */
    static int bulyanCap(int m) {
        return Math.max(0, (m - 3) / 4);
    }
}
