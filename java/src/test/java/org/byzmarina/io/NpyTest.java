package org.byzmarina.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.byzmarina.kernels.Batch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    /** A .npy file as numpy would write it (version 1.0 unless the header needs more). */
    static byte[] npy(String dict, int version, byte[] data) {
        byte[] h = dict.getBytes(StandardCharsets.UTF_8);
        int pre = version == 1 ? 10 : 12;
        int pad = (64 - (pre + h.length + 1) % 64) % 64;
        ByteBuffer b = ByteBuffer.allocate(pre + h.length + pad + 1 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) version).put((byte) 0);
        if (version == 1) {
            b.putShort((short) (h.length + pad + 1));
        } else {
            b.putInt(h.length + pad + 1);
        }
        b.put(h);
        for (int i = 0; i < pad; i++) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n').put(data);
        return b.array();
    }

    static byte[] doubles(ByteOrder order, double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(order);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    @Test
    void roundTripsFloat32AndReadsFloat64() throws IOException {
        Path f = dir.resolve("m.npy");
        Npy.writeMatrix(f, new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Batch b = Npy.read(f);
        assertEquals(2, b.rows());
        assertEquals(3, b.dim());
        assertEquals(6f, b.get(1, 2));
        Path g = write("d.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", 1,
                doubles(ByteOrder.LITTLE_ENDIAN, 0.5, -1, 1e300, 3)));
        Batch d = Npy.read(g);
        assertEquals(Float.POSITIVE_INFINITY, d.get(1, 0)); // 1e300 overflows float32: the non-finite rule handles it
        assertEquals(-1f, d.get(0, 1));
        Path big = write("b.npy", npy("{'descr': '>f8', 'fortran_order': False, 'shape': (1, 2), }", 2,
                doubles(ByteOrder.BIG_ENDIAN, 7, 8)));
        assertEquals(8f, Npy.read(big).get(0, 1));
    }

    @Test
    void writesAVectorNumpyCanRead() throws IOException {
        Path f = dir.resolve("v.npy");
        Npy.writeVector(f, new float[] {1.5f, -2f});
        byte[] bytes = Files.readAllBytes(f);
        assertEquals(0, (10 + (bytes[8] & 0xFF)) % 64, "data must start on a 64-byte boundary");
        String header = new String(bytes, 10, bytes[8] & 0xFF, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': (2,)"), header);
        assertTrue(header.endsWith("\n"));
        assertEquals(1.5f, ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file may be left behind");
        }
    }

    @Test
    void refusesMalformedFilesWithAMessageNamingTheProblem() throws IOException {
        assertMessage("no such file", dir.resolve("missing.npy"));
        assertMessage("not a .npy file", write("short.npy", new byte[] {1, 2, 3}));
        assertMessage("magic", write("text.npy", "hello world, not numpy".getBytes(StandardCharsets.US_ASCII)));
        assertMessage("unsupported dtype '<i8'", write("int.npy",
                npy("{'descr': '<i8', 'fortran_order': False, 'shape': (1, 1), }", 1, new byte[8])));
        assertMessage("Fortran order", write("f.npy",
                npy("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }", 1, new byte[4])));
        assertMessage("expected a 2-D array", write("v.npy",
                npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", 1, new byte[12])));
        assertMessage("expected a 2-D array", write("t.npy",
                npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 1), }", 1, new byte[4])));
        assertMessage("needs 24 bytes of data, the file has 20", write("trunc.npy",
                npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 1, new byte[20])));
        // A header claiming 10^12 rows is refused from the file size, before any allocation.
        assertMessage("needs 4000000000000000 bytes of data, the file has 16", write("huge.npy",
                npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000000, 1000), }", 1, new byte[16])));
        assertMessage("malformed .npy header", write("garbage.npy", npy("{'nonsense': 1}", 1, new byte[0])));
        assertMessage("format version 9", write("v9.npy", npy("{}", 1, new byte[0]), 6, (byte) 9));
    }

    private Path write(String name, byte[] content, int offset, byte value) throws IOException {
        content[offset] = value;
        return write(name, content);
    }

    private static void assertMessage(String fragment, Path file) {
        InputException e = assertThrows(InputException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should contain '" + fragment + "'");
        assertTrue(e.getMessage().startsWith(file.toString()), "message should name the file: " + e.getMessage());
    }
}
