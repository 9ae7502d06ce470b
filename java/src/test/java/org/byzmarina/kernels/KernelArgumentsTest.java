package org.byzmarina.kernels;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Argument checks of the MeaMed, CClip, dot-product, distance and weighted-sum kernels
 * (CheckedKernels): every bad value is an IllegalArgumentException that names it, on both engines,
 * before any work (nothing reaches native code).
 */
class KernelArgumentsTest {
    static List<Kernels> engines() {
        return List.of(new JavaKernels(1), NativeKernels.create(2, null));
    }

    static void refused(Executable call, String... words) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "message '" + e.getMessage() + "' should name " + w);
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void meanAroundMedian(Kernels k) {
        Batch x = Batch.allocate(8, 5);
        Batch out = Batch.allocate(1, 5);
        refused(() -> k.meanAroundMedian(x, 8, null, 8, 0, out), "keep", "0", "count = 8");
        refused(() -> k.meanAroundMedian(x, 8, null, 8, 9, out), "keep = 9");
        refused(() -> k.meanAroundMedian(x, 8, new int[] {1, 2}, 2, 3, out), "keep = 3", "count = 2");
        refused(() -> k.meanAroundMedian(x, 8, null, 7, 3, out), "count = 7", "m = 8");
        refused(() -> k.meanAroundMedian(x, 8, new int[] {1, 2}, 0, 1, out), "count = 0");
        refused(() -> k.meanAroundMedian(x, 8, new int[] {1, 8, 2}, 3, 1, out), "rows[1] = 8", "[0, 8)");
        refused(() -> k.meanAroundMedian(x, 4, new int[] {1, 2, 5}, 3, 1, out), "rows[2] = 5", "[0, 4)");
        refused(() -> k.meanAroundMedian(x, 8, new int[] {-1}, 1, 1, out), "rows[0] = -1");
        refused(() -> k.meanAroundMedian(x, 8, new int[] {1}, 2, 1, out), "length 1", "count = 2");
        refused(() -> k.meanAroundMedian(x, 9, null, 9, 1, out), "9");
        refused(() -> k.meanAroundMedian(x, 8, null, 8, 1, Batch.allocate(1, 4)), "dimension");
        refused(() -> k.meanAroundMedian(x, 8, null, 8, 1, x), "input");
        k.meanAroundMedian(x, 8, new int[] {7, 7, 0}, 3, 3, out);  // repeats are fine
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void centeredClip(Kernels k) {
        Batch x = Batch.allocate(4, 5);
        Batch out = Batch.allocate(1, 5);
        double[] c = new double[5];
        refused(() -> k.centeredClip(x, 4, c, 0.0, 1, out), "tau", "0.0");
        refused(() -> k.centeredClip(x, 4, c, -2.5, 1, out), "-2.5");
        refused(() -> k.centeredClip(x, 4, c, Double.NaN, 1, out), "NaN");
        refused(() -> k.centeredClip(x, 4, c, Double.POSITIVE_INFINITY, 1, out), "Infinity");
        refused(() -> k.centeredClip(x, 4, c, 1.0, 0, out), "iterations", "0");
        refused(() -> k.centeredClip(x, 4, new double[4], 1.0, 1, out), "center", "5", "4");
        refused(() -> k.centeredClip(x, 4, null, 1.0, 1, out), "center");
        refused(() -> k.centeredClip(x, 0, c, 1.0, 1, out), "m = 0");
        refused(() -> k.centeredClip(x, 5, c, 1.0, 1, out), "m = 5");
        refused(() -> k.centeredClip(x, 4, c, 1.0, 1, x), "input");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void dotsDistancesAndSums(Kernels k) {
        Batch x = Batch.allocate(4, 5);
        refused(() -> k.dotProducts(x, 4, new double[4], new double[4]), "r needs 5", "has 4");
        refused(() -> k.dotProducts(x, 4, new double[5], new double[3]), "out needs 4", "has 3");
        refused(() -> k.dotProducts(x, 5, new double[5], new double[5]), "m = 5");
        refused(() -> k.squaredDistancesTo(x, 4, null, new double[4]), "r needs 5", "none");
        refused(() -> k.squaredDistancesTo(x, -1, new double[5], new double[4]), "m = -1");
        refused(() -> k.weightedSum(x, 4, new double[3], new double[5]), "weights needs 4", "has 3");
        refused(() -> k.weightedSum(x, 4, new double[4], new double[4]), "out needs 5", "has 4");
        refused(() -> k.weightedSum(null, 0, new double[0], new double[0]), "x is null");
    }
}
