package org.byzmarina.aggregation;

import java.nio.FloatBuffer;
import org.byzmarina.kernels.Batch;

/** Writing a double result computed on the Java side into row 0 of an output batch. */
final class Outputs {
    private Outputs() {
    }

    /**
     * out row 0 = v rounded to float32, saturating at ±Float.MAX_VALUE (a finite double beyond the
     * float range gives the largest float, never ±Inf), and -0 written as +0 like the kernels do.
     */
    static void write(double[] v, Batch out) {
        FloatBuffer buf = out.buffer();
        int d = out.dim();
        for (int j = 0; j < d; j++) {
            double x = v[j];
            float f = x >= Float.MAX_VALUE ? Float.MAX_VALUE : x <= -Float.MAX_VALUE ? -Float.MAX_VALUE : (float) x;
            buf.put(j, f + 0.0f);
        }
    }

    /** out row 0 = zeros. */
    static void zero(Batch out) {
        FloatBuffer buf = out.buffer();
        int d = out.dim();
        for (int j = 0; j < d; j++) {
            buf.put(j, 0.0f);
        }
    }
}
