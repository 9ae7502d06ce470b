package org.byzmarina.nn;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.byzmarina.io.InputException;

/**
 * Reads IDX files (the MNIST format), plain or gzipped: a big-endian int32 magic 0x000008DD with
 * type byte 0x08 (unsigned bytes) and DD dimensions, then DD big-endian int32 sizes, then exactly
 * the product of the sizes in bytes. Anything else (a wrong magic, a type other than unsigned
 * bytes, a short or long body, a truncated gzip stream) is an {@link InputException} naming the
 * file and the problem.
 */
public final class IdxReader {
    /** Refuse files whose body would exceed this many bytes (the whole MNIST training set is 47 MB). */
    static final long MAX_BYTES = 1L << 30;

    /** An IDX array: its sizes (first the count of items) and its bytes, row-major. */
    public record Idx(int[] dims, byte[] data) {
        /** The number of items (the first dimension). */
        public int count() {
            return dims[0];
        }

        /** Bytes per item (the product of the other dimensions; 1 for a label file). */
        public int itemBytes() {
            int s = 1;
            for (int i = 1; i < dims.length; i++) {
                s *= dims[i];
            }
            return s;
        }
    }

    private IdxReader() {
    }

    /**
     * Reads {@code file}; gzipped if its first two bytes are the gzip magic (whatever its name).
     *
     * @param rank the number of dimensions expected (1 for labels, 3 for images)
     */
    public static Idx read(Path file, int rank) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException | OutOfMemoryError e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        byte[] body = raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b ? gunzip(file, raw) : raw;
        return parse(file, body, rank);
    }

    private static byte[] gunzip(Path file, byte[] raw) {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(new java.io.ByteArrayInputStream(raw)), 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > MAX_BYTES + 4 * 16) {
                    throw new InputException(file + ": uncompressed size exceeds " + MAX_BYTES + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (ZipException e) {
            throw new InputException(file + ": not a valid gzip stream (" + e.getMessage() + ")");
        } catch (java.io.EOFException e) {
            throw new InputException(file + ": truncated gzip stream");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Parses an uncompressed IDX body. */
    static Idx parse(Path file, byte[] b, int rank) {
        if (b.length < 4) {
            throw new InputException(file + ": too short for an IDX file (" + b.length + " bytes)");
        }
        if (b[0] != 0 || b[1] != 0) {
            throw new InputException(file + ": not an IDX file (magic " + hex(b) + ", expected 00 00 08 0" + rank + ")");
        }
        if ((b[2] & 0xff) != 0x08) {
            throw new InputException(file + ": IDX element type 0x" + String.format("%02x", b[2] & 0xff)
                    + " is not supported (expected 0x08, unsigned bytes)");
        }
        int dims = b[3] & 0xff;
        if (dims != rank) {
            throw new InputException(file + ": has " + dims + " dimensions, expected " + rank);
        }
        int header = 4 + 4 * dims;
        if (b.length < header) {
            throw new InputException(file + ": truncated header (" + b.length + " bytes, need " + header + ")");
        }
        int[] sizes = new int[dims];
        long total = 1;
        for (int i = 0; i < dims; i++) {
            int o = 4 + 4 * i;
            sizes[i] = ((b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
            if (sizes[i] <= 0) {
                throw new InputException(file + ": dimension " + (i + 1) + " is " + sizes[i] + " (must be positive)");
            }
            total *= sizes[i];
            if (total > MAX_BYTES) {
                throw new InputException(file + ": declares more than " + MAX_BYTES + " bytes of data");
            }
        }
        long have = b.length - (long) header;
        if (have != total) {
            throw new InputException(file + ": " + (have < total ? "truncated" : "has trailing bytes") + ": the header declares "
                    + total + " data bytes, the file holds " + have);
        }
        byte[] data = java.util.Arrays.copyOfRange(b, header, b.length);
        return new Idx(sizes, data);
    }

    private static String hex(byte[] b) {
        return String.format("%02x %02x %02x %02x", b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff);
    }
}
