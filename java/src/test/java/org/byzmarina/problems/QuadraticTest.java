package org.byzmarina.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The synthetic quadratic's closed forms against brute force over every client. */
class QuadraticTest {

    @ParameterizedTest(name = "n={0} B={1}")
    @CsvSource({"10,2", "11,2", "7,0", "2,1"})
    void lossOptimumAndGradientsMatchBruteForce(int n, int b) {
        int d = 9;
        Quadratic q = new Quadratic(n, b, d, 6, 0.7, 0.5, 42);
        int good = n - b;
        double[][] c = new double[n][d];
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            q.center(i, c[i]);
            if (i < good) {
                for (int j = 0; j < d; j++) {
                    mean[j] += c[i][j] / good;
                }
            }
        }
        double fStar = 0;
        for (int i = 0; i < good; i++) {
            for (int j = 0; j < d; j++) {
                fStar += 0.5 * (c[i][j] - mean[j]) * (c[i][j] - mean[j]) / good;
            }
        }
        assertEquals(fStar, q.optimum().getAsDouble(), 1e-12);
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
            x[j] = Math.sin(j);
        }
        double f = 0;
        for (int i = 0; i < good; i++) {
            for (int j = 0; j < d; j++) {
                f += 0.5 * (x[j] - c[i][j]) * (x[j] - c[i][j]) / good;
            }
        }
        double[] grad = new double[d];
        assertEquals(f, q.loss(x, grad), 1e-12);
        for (int j = 0; j < d; j++) {
            assertEquals(x[j] - mean[j], grad[j], 1e-12);
        }
        // The samples' noise cancels over a client's whole data, so the average of all its sample
        // gradients is its full gradient; and a difference on one minibatch is exactly x1 − x0.
        double[] full = new double[d];
        double[] all = new double[d];
        q.fullGradient(1, x, false, full);
        q.minibatchGradient(1, new int[] {0, 1, 2, 3, 4, 5}, 6, x, false, all);
        double[] one = new double[d];
        q.minibatchGradient(1, new int[] {0}, 1, x, false, one);
        double noise = 0;
        for (int j = 0; j < d; j++) {
            assertEquals(full[j], all[j], 1e-12);
            assertEquals(x[j] - c[1][j], full[j], 1e-12);
            noise += Math.abs(one[j] - full[j]);
        }
        assertEquals(0.5 * d, noise, 1e-9, "one sample carries noise of size sigma_g per coordinate");
        double[] x0 = new double[d];
        double[] diff = new double[d];
        q.minibatchDifference(3 % n, new int[] {2, 4}, 2, x, x0, false, diff);
        for (int j = 0; j < d; j++) {
            assertEquals(x[j], diff[j]);
        }
    }
}
