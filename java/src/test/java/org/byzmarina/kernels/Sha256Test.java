package org.byzmarina.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native SHA-256 and its Java twin (the JDK's MessageDigest) give the same digests. */
class Sha256Test {
    @TempDir
    Path dir;

    @Test
    void nativeAndJavaAgreeAtEveryPaddingBoundaryAndOnLargeInputs() {
        NativeLoading.requireKernels();
        SplittableRandom r = new SplittableRandom(11);
        int[] lengths = {0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4096, 65_537, 3_000_017};
        for (int n : lengths) {
            byte[] data = new byte[n];
            r.nextBytes(data);
            assertArrayEquals(Sha256.javaDigest(data), Sha256.nativeDigest(data), "length " + n);
        }
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[r.nextInt(300)];
            r.nextBytes(data);
            assertArrayEquals(Sha256.javaDigest(data), Sha256.nativeDigest(data), "length " + data.length);
        }
    }

    @Test
    void filesHashToTheKnownDigest() throws IOException {
        NativeLoading.requireKernels();
        Path f = dir.resolve("abc");
        Files.writeString(f, "abc");
        assertTrue(NativeLoading.kernelsLoaded());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.of(f));
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.of(empty));
    }

    /** A file hashed before is not read again while unchanged, and is hashed again once edited. */
    @Test
    void anEditedFileIsHashedAgain() throws IOException {
        Path f = dir.resolve("data");
        Files.writeString(f, "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.of(f));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.of(f));
        Files.writeString(f, "abd"); // same size; the modification time moves (set explicitly: coarse clocks)
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5_000));
        assertEquals(HexFormat.of().formatHex(Sha256.javaDigest("abd".getBytes(java.nio.charset.StandardCharsets.US_ASCII))), Sha256.of(f));
        Files.writeString(f, "abcd");
        assertEquals(HexFormat.of().formatHex(Sha256.javaDigest("abcd".getBytes(java.nio.charset.StandardCharsets.US_ASCII))), Sha256.of(f));
    }
}
