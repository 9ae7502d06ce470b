package org.byzmarina.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of files, for provenance. Two implementations that give the same digest: the native
 * engine's {@code bm_sha256} when libbyzmarina is loaded (a9a's 3.6 MB in about 15 ms; the JDK's
 * MessageDigest takes 80–140 ms on a JVM that has just started, before its JIT warms up), and the
 * JDK's MessageDigest otherwise, and for files above {@link #NATIVE_MAX_BYTES}, which it streams.
 */
public final class Sha256 {
    /** Larger files are streamed through MessageDigest rather than read whole. */
    static final long NATIVE_MAX_BYTES = 1L << 30;

    private Sha256() {
    }

    /** Files hashed by this process, by absolute path: reused while size, modification time and file key match. */
    private record Known(long size, java.nio.file.attribute.FileTime modified, Object fileKey, String hex) {
    }

    private static final java.util.Map<Path, Known> KNOWN = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The file's SHA-256 in lower-case hex. A sweep hashes its data set once: a file this process
     * has hashed is not read again while its size, modification time (to the file system's
     * precision) and file key (device and inode) are unchanged.
     */
    public static String of(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
        Known k = KNOWN.get(key);
        if (k != null && k.size() == a.size() && k.modified().equals(a.lastModifiedTime()) && java.util.Objects.equals(k.fileKey(), a.fileKey())) {
            return k.hex();
        }
        String hex = compute(file);
        if (KNOWN.size() >= 64) {
            KNOWN.clear();
        }
        KNOWN.put(key, new Known(a.size(), a.lastModifiedTime(), a.fileKey(), hex));
        return hex;
    }

    private static String compute(Path file) throws IOException {
        if (NativeLoading.kernelsLoaded() && Files.size(file) <= NATIVE_MAX_BYTES) {
            return HexFormat.of().formatHex(nativeDigest(Files.readAllBytes(file)));
        }
        MessageDigest md = java();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** bm_sha256 (libbyzmarina must be loaded). */
    static byte[] nativeDigest(byte[] data) {
        byte[] out = new byte[32];
        int rc = NativeLib.bm_sha256(data, data.length, out);
        if (rc != 0) {
            throw new IllegalStateException("bm_sha256 refused its arguments (" + rc + ")");
        }
        return out;
    }

    /** The JDK's SHA-256 (the pure-Java twin). */
    static byte[] javaDigest(byte[] data) {
        return java().digest(data);
    }

    private static MessageDigest java() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
