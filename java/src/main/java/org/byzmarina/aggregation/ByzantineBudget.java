package org.byzmarina.aggregation;

/**
 * How many Byzantine inputs a rule is told to expect among m_in inputs (f for Krum, Multi-Krum and
 * NNM; t for the trimmed mean). SPEC.md: f = min(⌊(B/n)·m_in⌋, ⌊(m_in − 3)/2⌋),
 * t = min(⌊(B/n)·m_in⌋, ⌊(m_in − 1)/2⌋); the `aggregate` command takes its flag literally.
 */
@FunctionalInterface
public interface ByzantineBudget {
    int forInputs(int mIn);

    /** Always f (the `aggregate` command's --byzantine). */
    static ByzantineBudget literal(int f) {
        if (f < 0) {
            throw new IllegalArgumentException("the number of Byzantine inputs must be >= 0, got " + f);
        }
        return m -> f;
    }

    /** The protocol's f for Krum, Multi-Krum and NNM, from B Byzantine clients out of n. */
    static ByzantineBudget krum(int byzantine, int clients) {
        return m -> Math.max(0, Math.min((int) ((long) byzantine * m / clients), (m - 3) / 2));
    }

    /** The protocol's t for the coordinate-wise trimmed mean. */
    static ByzantineBudget trim(int byzantine, int clients) {
        return m -> Math.max(0, Math.min((int) ((long) byzantine * m / clients), (m - 1) / 2));
    }
}
