package org.byzmarina.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.byzmarina.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * {@link Problem#usesBlas}: a run loads OpenBLAS only if its problem says yes (kernels.NativeLoading),
 * so a "no" must mean that no BLAS call can happen, root sample included. (The test JVM has OpenBLAS
 * loaded up front; RunIT checks in the packaged jar that a sparse run leaves it unloaded.)
 */
class UsesBlasTest {
    private static LogisticRegression problem(Dataset data) {
        return new LogisticRegression("t", data, Splits.full(data.rows(), 4), 1, LogisticRegression.ETA, 0, 8);
    }

    @Test
    void sparseRowsDoNotDenseRowsDo() {
        LogisticRegression sparse = problem(LogisticRegressionTest.randomData(300, 60, 1, 0.05));
        assertTrue(sparse.rows().sparse());
        assertFalse(sparse.usesBlas(100, 7));
        LogisticRegression dense = problem(LogisticRegressionTest.randomData(40, 10, 2));
        assertFalse(dense.rows().sparse());
        assertTrue(dense.usesBlas(100, 7));
    }

    @Test
    void aDenseTestSetDoes() {
        LogisticRegression sparse = problem(LogisticRegressionTest.randomData(300, 60, 3, 0.05));
        sparse.setTestSet(LogisticRegressionTest.randomData(20, 60, 4, 0.05));
        assertFalse(sparse.usesBlas(100, 7));
        sparse.setTestSet(LogisticRegressionTest.randomData(20, 60, 4));
        assertTrue(sparse.usesBlas(100, 7));
    }

    /**
     * Sparse rows overall (10 dense rows among 60 nearly empty ones: 21 % non-zeros) whose root sample
     * of 3 rows is stored dense when it draws a dense row: the prediction, made without building the
     * sample, matches how the built sample stores its rows, for every seed, and both cases occur.
     */
    @Test
    void theRootSampleIsJudgedAsItWillBeStored() {
        int rows = 60;
        int d = 20;
        double[] f = new double[rows * d];
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < (r % 6 == 0 ? d : 1); j++) {
                f[r * d + (r + j) % d] = 1 + j;
            }
            y[r] = r % 2;
        }
        LogisticRegression p = problem(new Dataset("mixed", rows, d, f, y).normalisedRows());
        assertTrue(p.rows().sparse());
        int dense = 0;
        for (long seed = 0; seed < 200; seed++) {
            boolean built = !((LogisticRegression) p.rootSample(3, seed)).rows().sparse();
            assertEquals(built, p.usesBlas(3, seed), "seed " + seed);
            dense += built ? 1 : 0;
        }
        assertTrue(dense > 0 && dense < 200, dense + " of 200 root samples dense");
        // All rows as the root sample: 250 of 1200 non-zeros, stored sparse like the data.
        assertFalse(p.usesBlas(rows, 0));
        assertTrue(((LogisticRegression) p.rootSample(rows, 0)).rows().sparse());
    }

    @Test
    void theQuadraticNeverDoes() {
        assertFalse(new Quadratic(10, 2, 5, 20, 1.0, 1.0, 3).usesBlas(100, 7));
    }
}
