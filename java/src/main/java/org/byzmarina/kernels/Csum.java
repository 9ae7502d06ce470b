package org.byzmarina.kernels;

/**
 * The canonical 16-lane double sum of kernels.h: term j goes to lane j % 16 (each lane in
 * increasing j), then lanes are folded by halves (8, 4, 2, 1). Native SIMD code uses the same
 * lanes, which is why norms and distances agree bit for bit across backends and SIMD levels.
 */
final class Csum {
    static final int LANES = 16;

    private Csum() {
    }

    static double fold(double[] s) {
        for (int w = LANES / 2; w >= 1; w /= 2) {
            for (int l = 0; l < w; l++) {
                s[l] += s[l + w];
            }
        }
        return s[0];
    }

    /** ||x_i||², terms (double)x * (double)x. */
    static double squaredNorm(Batch x, int i) {
        double[] s = new double[LANES];
        int base = i * x.stride();
        var buf = x.buffer();
        for (int j = 0; j < x.dim(); j++) {
            double v = buf.get(base + j);
            s[j % LANES] += v * v;
        }
        return fold(s);
    }

    /** ||x_i - x_k||², differences and squares in double. */
    static double squaredDistance(Batch x, int i, int k) {
        double[] s = new double[LANES];
        int a = i * x.stride();
        int b = k * x.stride();
        var buf = x.buffer();
        for (int j = 0; j < x.dim(); j++) {
            double diff = (double) buf.get(a + j) - (double) buf.get(b + j);
            s[j % LANES] += diff * diff;
        }
        return fold(s);
    }

    /** ⟨x_i, r⟩: terms (double)x * r. */
    static double dot(Batch x, int i, double[] r) {
        double[] s = new double[LANES];
        int base = i * x.stride();
        var buf = x.buffer();
        for (int j = 0; j < x.dim(); j++) {
            s[j % LANES] += (double) buf.get(base + j) * r[j];
        }
        return fold(s);
    }

    /** ||x_i - r||², terms ((double)x - r)² (bm_sq_dists_to, bm_centered_clip). */
    static double squaredDistanceTo(Batch x, int i, double[] r) {
        double[] s = new double[LANES];
        int base = i * x.stride();
        var buf = x.buffer();
        for (int j = 0; j < x.dim(); j++) {
            double diff = (double) buf.get(base + j) - r[j];
            s[j % LANES] += diff * diff;
        }
        return fold(s);
    }

    /** ||z - x_i||² for a double vector z. */
    static double squaredDistance(double[] z, Batch x, int i) {
        double[] s = new double[LANES];
        int base = i * x.stride();
        var buf = x.buffer();
        for (int j = 0; j < x.dim(); j++) {
            double diff = z[j] - (double) buf.get(base + j);
            s[j % LANES] += diff * diff;
        }
        return fold(s);
    }
}
