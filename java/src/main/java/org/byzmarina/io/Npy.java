package org.byzmarina.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.byzmarina.kernels.Batch;

/**
 * NumPy .npy files (format versions 1.0–3.0): read a C-order 2-D float32/float64 array into a
 * {@link Batch}; write a 1-D float32 array. Sizes are checked against the file length before
 * anything is allocated, so a header claiming 10¹² rows is refused, not obeyed.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** A parsed header: element type and 2-D shape, and where the data starts. */
    public record Header(int itemSize, ByteOrder order, long rows, long cols, long dataOffset) {
    }

    private Npy() {
    }

    /** Reads the header of a 2-D float array, validating it against the file size. */
    public static Header readHeader(Path file) {
        return readHeader(file, false);
    }

    /** As {@link #readHeader(Path)}; with {@code vector}, a 1-D shape (d,) reads as (1, d). */
    private static Header readHeader(Path file, boolean vector) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 10) {
                throw new InputException(file + ": not a .npy file (only " + size + " bytes)");
            }
            ByteBuffer pre = ByteBuffer.allocate((int) Math.min(12, size)).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, pre, 0, file);
            if (!startsWithMagic(pre)) {
                throw new InputException(file + ": not a .npy file (missing the \\x93NUMPY magic)");
            }
            int major = pre.get(6) & 0xFF;
            long headerLen;
            long headerStart;
            if (major == 1) {
                headerLen = pre.getShort(8) & 0xFFFF;
                headerStart = 10;
            } else if (major == 2 || major == 3) {
                if (size < 12) {
                    throw new InputException(file + ": truncated .npy header");
                }
                headerLen = pre.getInt(8) & 0xFFFFFFFFL;
                headerStart = 12;
            } else {
                throw new InputException(file + ": unsupported .npy format version " + major + " (expected 1, 2 or 3)");
            }
            if (headerLen > MAX_HEADER || headerStart + headerLen > size) {
                throw new InputException(file + ": .npy header length " + headerLen + " is invalid for a file of "
                        + size + " bytes");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, headerStart, file);
            String header = new String(hb.array(), StandardCharsets.UTF_8);
            return parse(file, header, headerStart + headerLen, size, vector);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read it (" + AtomicFiles.reason(e) + ")", e);
        }
    }

    private static Header parse(Path file, String header, long dataOffset, long size, boolean vector) {
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new InputException(file + ": malformed .npy header " + printable(header));
        }
        String type = descr.group(1);
        int item;
        ByteOrder order;
        switch (type) {
            case "<f4": item = 4; order = ByteOrder.LITTLE_ENDIAN; break;
            case ">f4": item = 4; order = ByteOrder.BIG_ENDIAN; break;
            case "<f8": item = 8; order = ByteOrder.LITTLE_ENDIAN; break;
            case ">f8": item = 8; order = ByteOrder.BIG_ENDIAN; break;
            default:
                throw new InputException(file + ": unsupported dtype '" + type + "' (expected float32 '<f4' or float64 '<f8')");
        }
        if (fortran.group(1).equals("True")) {
            throw new InputException(file + ": array is in Fortran order; save it in C order (numpy.ascontiguousarray)");
        }
        String[] dims = shape.group(1).split(",");
        long[] shapeValues = new long[2];
        int n = 0;
        for (String dim : dims) {
            if (dim.isBlank()) {
                continue;
            }
            if (n == 2) {
                n++;
                break;
            }
            try {
                shapeValues[n++] = Long.parseLong(dim.trim());
            } catch (NumberFormatException e) {
                throw new InputException(file + ": malformed shape (" + shape.group(1) + ")");
            }
        }
        if (n == 1 && vector) {
            shapeValues[1] = shapeValues[0];
            shapeValues[0] = 1;
            n = 2;
        }
        if (n != 2) {
            throw new InputException(file + ": expected a 2-D array (rows × dimension), got shape (" + shape.group(1).trim() + ")");
        }
        long rows = shapeValues[0];
        long cols = shapeValues[1];
        if (rows < 0 || cols < 0) {
            throw new InputException(file + ": negative shape (" + shape.group(1).trim() + ")");
        }
        long available = size - dataOffset;
        long expected;
        try {
            expected = Math.multiplyExact(Math.multiplyExact(rows, cols), (long) item);
        } catch (ArithmeticException e) {
            throw new InputException(file + ": shape (" + rows + ", " + cols + ") needs more data than the file's "
                    + available + " bytes (truncated file?)");
        }
        if (expected != available) {
            throw new InputException(file + ": shape (" + rows + ", " + cols + ") of " + type + " needs " + expected
                    + " bytes of data, the file has " + available);
        }
        return new Header(item, order, rows, cols, dataOffset);
    }

    /** Reads a 2-D float32/float64 array into a new batch (float64 is rounded to float32). */
    public static Batch read(Path file) {
        return read(file, false);
    }

    /**
     * Reads a vector of length d: shape (d,) or (1, d), float32 or float64 (kept in double).
     *
     * @throws InputException naming the file if its shape is another
     */
    public static double[] readVector(Path file, int d) {
        Header h = readHeader(file, true);
        if (h.rows() != 1 || h.cols() != d) {
            throw new InputException(file + ": expected a vector of length " + d + " (shape (" + d + ",) or (1, " + d
                    + ")), got shape (" + h.rows() + ", " + h.cols() + ")");
        }
        double[] v = new double[d];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer row = ByteBuffer.allocate(d * h.itemSize()).order(h.order());
            readFully(ch, row, h.dataOffset(), file);
            for (int j = 0; j < d; j++) {
                v[j] = h.itemSize() == 4 ? row.getFloat(j * 4) : row.getDouble(j * 8);
            }
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return v;
    }

    private static Batch read(Path file, boolean vector) {
        Header h = readHeader(file, vector);
        if (h.rows() > Integer.MAX_VALUE || h.cols() > Integer.MAX_VALUE
                || h.rows() * Batch.strideFor((int) Math.min(h.cols(), Integer.MAX_VALUE - 16)) > Batch.maxFloats()) {
            throw new InputException(file + ": a " + h.rows() + " x " + h.cols() + " array is larger than one batch can hold ("
                    + Batch.maxFloats() + " floats)");
        }
        MemoryCheck.require(Batch.bytesFor(h.rows(), (int) h.cols()), "the " + h.rows() + " x " + h.cols() + " input array");
        int rows = (int) h.rows();
        int cols = (int) h.cols();
        Batch batch = Batch.allocate(rows, cols);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer row = ByteBuffer.allocate(cols * h.itemSize()).order(h.order());
            long pos = h.dataOffset();
            for (int i = 0; i < rows; i++) {
                readFully(ch, row, pos, file);
                pos += row.capacity();
                for (int j = 0; j < cols; j++) {
                    float v = h.itemSize() == 4 ? row.getFloat(j * 4) : (float) row.getDouble(j * 8);
                    batch.set(i, j, v);
                }
            }
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return batch;
    }

    /** Writes v as a 1-D little-endian float32 .npy file, atomically. */
    public static void writeVector(Path file, float[] v) throws IOException {
        AtomicFiles.write(file, out -> {
            OutputStream o = new BufferedOutputStream(out, 1 << 16);
            o.write(header("'descr': '<f4', 'fortran_order': False, 'shape': (" + v.length + ",), "));
            ByteBuffer buf = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
            for (int j = 0; j < v.length; j++) {
                buf.putFloat(v[j]);
                if (!buf.hasRemaining()) {
                    o.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
            }
            o.write(buf.array(), 0, buf.position());
            o.flush();
        });
    }

    /** Writes a 2-D little-endian float32 .npy file (rows × cols from a flat row-major array), atomically. */
    public static void writeMatrix(Path file, float[] data, int rows, int cols) throws IOException {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("data length " + data.length + " != " + rows + " x " + cols);
        }
        AtomicFiles.write(file, out -> {
            OutputStream o = new BufferedOutputStream(out, 1 << 16);
            o.write(header("'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), "));
            ByteBuffer buf = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            for (float x : data) {
                buf.clear();
                buf.putFloat(x);
                o.write(buf.array());
            }
            o.flush();
        });
    }

    /** Version 1.0 header, padded with spaces so the data starts at a multiple of 64 bytes. */
    private static byte[] header(String dict) {
        String body = "{" + dict + "}";
        int total = MAGIC.length + 4 + body.length() + 1;
        int pad = (64 - total % 64) % 64;
        String padded = body + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + padded.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) padded.length());
        b.put(padded.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private static boolean startsWithMagic(ByteBuffer b) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file) throws IOException {
        buf.clear();
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new InputException(file + ": unexpected end of file");
            }
            pos += n;
        }
    }

    private static String printable(String s) {
        String t = s.replaceAll("[^\\x20-\\x7e]", "?").trim();
        return t.length() > 120 ? t.substring(0, 120) + "..." : t;
    }
}
