package org.byzmarina.aggregation;

/**
 * How many Byzantine inputs a rule is told to expect (f for Krum, Multi-Krum and NNM; t for the
 * trimmed mean), SPEC.md "f and t inside the protocol". Each Byzantine input can contaminate at most
 * one bucket, so with m raw inputs (before bucketing) of which a fraction q = B/n is Byzantine, a
 * rule receiving m_in inputs is told f = min(⌈q·m⌉, ⌊(m_in − 3)/2⌋) (Krum, Multi-Krum, NNM) or
 * t = min(⌈q·m⌉, ⌊(m_in − 1)/2⌋) (CWTM). The `aggregate` command takes its flag literally.
 */
@FunctionalInterface
public interface ByzantineBudget {
    /** The budget of a rule receiving mIn inputs made from {@code before} raw inputs. */
    int forInputs(int before, int mIn);

    /** Always f (the `aggregate` command's --byzantine). */
    static ByzantineBudget literal(int f) {
        if (f < 0) {
            throw new IllegalArgumentException("the number of Byzantine inputs must be >= 0, got " + f);
        }
        return (before, m) -> f;
    }

    /** ⌈(count/of)·m⌉ in exact integer arithmetic. */
    static long expected(long count, long of, long m) {
        return (count * m + of - 1) / of;
    }

    /** The protocol's f for Krum, Multi-Krum and NNM, from B Byzantine clients out of n. */
    static ByzantineBudget krum(int byzantine, int clients) {
        return (before, m) -> (int) Math.max(0, Math.min(expected(byzantine, clients, before), (m - 3) / 2));
    }

    /** The protocol's t for the coordinate-wise trimmed mean. */
    static ByzantineBudget trim(int byzantine, int clients) {
        return (before, m) -> (int) Math.max(0, Math.min(expected(byzantine, clients, before), (m - 1) / 2));
    }

    /** f for Krum, Multi-Krum and NNM from an assumed Byzantine fraction q in [0, 1): min(⌈q·m⌉, ⌊(m_in − 3)/2⌋). */
    static ByzantineBudget krum(double fraction) {
        return (before, m) -> (int) Math.max(0, Math.min(ceil(fraction, before), (m - 3) / 2));
    }

    /** t for the trimmed mean from an assumed Byzantine fraction q in [0, 1). */
    static ByzantineBudget trim(double fraction) {
        return (before, m) -> (int) Math.max(0, Math.min(ceil(fraction, before), (m - 1) / 2));
    }

    /** ⌈q·m⌉, forgiving the rounding of q·m just above an integer (0.1 · 30 = 3.0000000000000004). */
    private static long ceil(double q, int m) {
        return (long) Math.ceil(q * m - 1e-9);
    }
}
