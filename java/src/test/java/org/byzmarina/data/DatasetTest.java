package org.byzmarina.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sparse form LIBSVM files are read into agrees with the dense form, value for value. */
class DatasetTest {
    @TempDir
    Path dir;

    @Test
    void libsvmFilesAreReadSparseWithoutExplicitZeros() throws IOException {
        Path p = dir.resolve("z.txt");
        Files.write(p, "1 1:0.5 2:0 3:2\n-1 2:0\n".getBytes(StandardCharsets.UTF_8));
        Dataset d = LibsvmReader.read(p);
        assertTrue(d.isSparse());
        assertEquals(2, d.storedEntries());
        assertArrayEquals(new int[] {0, 2, 2}, d.rowStart());
        assertArrayEquals(new double[] {0.5, 0, 2, 0, 0, 0}, d.features());
        assertEquals(2.0, d.get(0, 2));
        assertEquals(0.0, d.get(1, 1));
    }

    @Test
    void sparseAndDenseFormsNormaliseAndMapLabelsBitForBit() throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            sb.append(r.nextBoolean() ? "+1" : "-1");
            for (int j = 1; j <= 40; j++) {
                if (r.nextInt(5) == 0) {
                    sb.append(' ').append(j).append(':').append(r.nextDouble(-3, 3));
                }
            }
            sb.append('\n');
        }
        Path p = dir.resolve("r.txt");
        Files.write(p, sb.toString().getBytes(StandardCharsets.UTF_8));
        Dataset sparse = LibsvmReader.read(p);
        Dataset dense = new Dataset("r", sparse.rows(), sparse.dim(), sparse.features().clone(), sparse.labels());
        assertArrayEquals(dense.normalisedRows().features(), sparse.normalisedRows().features());
        assertArrayEquals(dense.normalisedRows().features(), LibsvmReader.read(p, 0, true).features());
        assertArrayEquals(dense.binaryLabels().labels(), sparse.binaryLabels().labels());
        assertTrue(sparse.binaryLabels().isSparse());
    }

    @Test
    void labelValuesAreDistinctAndAscendingForFewOrManyClasses() {
        double[] few = {3, -1, 3, 0, -1};
        assertArrayEquals(new double[] {-1, 0, 3}, new Dataset("f", 5, 1, new double[5], few).labelValues());
        double[] many = new double[100];
        for (int i = 0; i < many.length; i++) {
            many[i] = (i * 37) % 50;
        }
        double[] expected = new double[50];
        for (int i = 0; i < 50; i++) {
            expected[i] = i;
        }
        assertArrayEquals(expected, new Dataset("m", 100, 1, new double[100], many).labelValues());
    }
}
