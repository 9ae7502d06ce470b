package org.byzmarina.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Logger;
import org.byzmarina.io.InputException;
import org.byzmarina.io.MemoryCheck;
import org.byzmarina.kernels.NativeLib;
import org.byzmarina.kernels.NativeLoading;

/**
 * Reads LIBSVM text files ({@code label idx:val idx:val ...}, 1-based increasing indices) with a
 * byte-level parser: LF, CRLF or lone CR line ends, a missing final newline, blank lines and {@code #}
 * comments are accepted; anything else malformed is reported as {@code FILE:LINE: message}.
 *
 * <p>Two parsers give the same data set bit for bit. When libbyzmarina is loaded (this class never
 * loads it), the native {@code bm_libsvm_scan}/{@code bm_libsvm_fill} (native/include/byzmarina/kernels.h)
 * read the file on the calling thread, about ten times faster than this Java parser before the JIT
 * has compiled it, which is what a short run sees. They take only what this parser's fast path
 * takes (plain decimals of at most 15 digits, well-formed lines); for anything else, errors
 * included, the Java parser reads the whole file again, so every message is its own. The Java
 * parser alone (the reference) is used with {@code -Dbyzmarina.libsvm.java=true}, with
 * {@code --backend java} (through {@link #read(Path, int, boolean, boolean)}), and where the
 * library is not loaded.
 */
public final class LibsvmReader {
    private static final Logger LOG = Logger.getLogger(LibsvmReader.class.getName());

    /** Refuse data sets whose dense form would exceed this many features per row. */
    public static final int MAX_FEATURES = 10_000_000;

    /** {@code -Dbyzmarina.libsvm.java=true}: never the native parser. */
    public static final String JAVA_PROPERTY = "byzmarina.libsvm.java";

    /** Files above this size are parsed in two halves on two threads. */
    private static final int PARALLEL_BYTES = 1 << 20;

    private final Path file;
    private final byte[] s;
    private final int end;
    private int pos;
    private final int from;
    /** Lines finished since {@code from} (the file's line number is counted only for a message). */
    private int line;

    /** A reader of bytes [from, to), which starts a line. */
    private LibsvmReader(Path file, byte[] bytes, int from, int to) {
        this.file = file;
        this.s = bytes;
        this.pos = from;
        this.end = to;
        this.from = from;
    }

    /** The rows of one part of the file, in file order (sparse: per-row counts, then indices and values). */
    private record Chunk(int rows, double[] labels, int[] rowEntries, int[] idx, double[] val, long entries, int maxIndex) {
    }

    public static Dataset read(Path file) {
        return read(file, 0);
    }

    /**
     * @param minFeatures the dimension to use if the file's largest index is smaller (e.g. a test
     *                    set that does not use the last feature); 0 = the file's largest index
     */
    public static Dataset read(Path file, int minFeatures) {
        return read(file, minFeatures, false);
    }

    /**
     * @param normalise scale every row to unit ℓ2 norm (zero rows stay zero) while assembling, as
     *                  {@link Dataset#normalisedRows()} would, without a second pass
     */
    public static Dataset read(Path file, int minFeatures, boolean normalise) {
        return read(file, minFeatures, normalise, true);
    }

    /**
     * @param nativeParse whether the native parser may be used (when libbyzmarina is loaded and
     *                    {@link #JAVA_PROPERTY} is not {@code true}); false = the Java parser only
     */
    public static Dataset read(Path file, int minFeatures, boolean normalise, boolean nativeParse) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read it (" + org.byzmarina.io.AtomicFiles.reason(e) + ")", e);
        } catch (OutOfMemoryError e) {
            throw new InputException(file + ": too large to read into memory; raise java -Xmx");
        }
        if (nativeParse && NativeLoading.kernelsLoaded() && !"true".equals(System.getProperty(JAVA_PROPERTY))) {
            Dataset d = readNative(file, bytes, minFeatures, normalise);
            if (d != null) {
                return d;
            }
        }
        int split = bytes.length > PARALLEL_BYTES ? lineStartAfter(bytes, bytes.length / 2) : bytes.length;
        Chunk first;
        Chunk second = null;
        if (split < bytes.length) {
            java.util.concurrent.CompletableFuture<Chunk> later = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> new LibsvmReader(file, bytes, split, bytes.length).parseRows());
            try {
                first = new LibsvmReader(file, bytes, 0, split).parseRows();
            } catch (InputException e) {
                later.handle((c, t) -> null).join(); // report the earliest line's problem
                throw e;
            }
            try {
                second = later.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException) {
                    throw (RuntimeException) e.getCause();
                }
                throw e;
            }
        } else {
            first = new LibsvmReader(file, bytes, 0, bytes.length).parseRows();
        }
        return assemble(file, first, second, minFeatures, normalise);
    }

    /**
     * The native parser (libbyzmarina loaded): the data set, or null where the Java parser must read
     * the file (its slow path or an error: bm_libsvm_scan returns 1). Runs on the calling thread.
     * Package-private for the tests, which check that the native parser took a file.
     */
    static Dataset readNative(Path file, byte[] bytes, int minFeatures, boolean normalise) {
        long[] counts = new long[4]; // rows, non-zeros, largest index, pairs read (zeros included)
        long rc = NativeLib.bm_libsvm_scan(bytes, bytes.length, counts);
        if (rc != 0) {
            if (rc < 0) {
                throw new IllegalStateException("bm_libsvm_scan refused its arguments (" + rc + ")");
            }
            LOG.fine(() -> file + ": not plain LIBSVM decimals throughout, read by the Java parser");
            return null;
        }
        int rows = (int) counts[0];
        int nonZeros = (int) counts[1];
        int dim = checkedDim(file, rows, (int) counts[2], counts[3], minFeatures);
        int[] rowStart = new int[rows + 1];
        int[] colIndex = new int[nonZeros];
        double[] values = new double[nonZeros];
        double[] labels = new double[rows];
        int filled = NativeLib.bm_libsvm_fill(bytes, bytes.length, rowStart, colIndex, values, labels);
        if (filled != 0) {
            throw new IllegalStateException("bm_libsvm_fill failed on bytes bm_libsvm_scan accepted (" + filled + ")");
        }
        return finish(file, rows, dim, rowStart, colIndex, values, labels, normalise);
    }

    /** The index just after the first line end at or after {@code from} (the length if none). */
    private static int lineStartAfter(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return b.length;
    }

    /** Line ends (LF, CRLF or a lone CR) in b[0 .. to). */
    private static int lineEnds(byte[] b, int to) {
        int n = 0;
        for (int i = 0; i < to; i++) {
            if (b[i] == '\n' || (b[i] == '\r' && (i + 1 >= b.length || b[i + 1] != '\n'))) {
                n++;
            }
        }
        return n;
    }

    private Chunk parseRows() {
        int rows = 0;
        long entries = 0;
        int[] rowEntries = new int[16];
        double[] labels = new double[16];
        int[] idx = new int[64];
        double[] val = new double[64];
        int maxIndex = 0;
        while (pos < end) {
            skipBlanks();
            if (atLineEnd()) {
                endLine();
                continue;
            }
            double label = number(0);
            int count = 0;
            int previous = 0;
            while (true) {
                boolean sawSpace = skipBlanks();
                if (atLineEnd()) {
                    break;
                }
                if (!sawSpace) {
                    throw error("expected a space before '" + token() + "'");
                }
                int start = pos;
                long index = 0;
                while (pos < end && s[pos] >= '0' && s[pos] <= '9') {
                    index = index * 10 + (s[pos++] - '0');
                    if (index > MAX_FEATURES) {
                        throw error("feature index " + token(start) + " exceeds the limit of " + MAX_FEATURES);
                    }
                }
                if (pos == start || pos >= end || s[pos] != ':') {
                    pos = start;
                    throw error("expected index:value, got '" + token() + "'");
                }
                if (index < 1) {
                    throw error("feature indices are 1-based, got 0");
                }
                if (index <= previous) {
                    throw error("feature indices must increase, got " + index + " after " + previous);
                }
                pos++;
                double v = number(index);
                if (entries + count >= idx.length) {
                    int n = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(idx.length * 2L, entries + count + 1));
                    idx = Arrays.copyOf(idx, n);
                    val = Arrays.copyOf(val, n);
                }
                idx[(int) (entries + count)] = (int) index - 1;
                val[(int) (entries + count)] = v;
                count++;
                previous = (int) index;
                maxIndex = Math.max(maxIndex, (int) index);
            }
            if (rows == labels.length) {
                labels = Arrays.copyOf(labels, rows * 2);
                rowEntries = Arrays.copyOf(rowEntries, rows * 2);
            }
            labels[rows] = label;
            rowEntries[rows] = count;
            rows++;
            entries += count;
            endLine();
        }
        return new Chunk(rows, labels, rowEntries, idx, val, entries, maxIndex);
    }

    /**
     * Joins the parts into compressed sparse rows (explicit zeros dropped; rows normalised if asked,
     * summing squares in column order as {@link Dataset#normalisedRows()} does).
     */
    private static Dataset assemble(Path file, Chunk a, Chunk b, int minFeatures, boolean normalise) {
        int rows = a.rows() + (b == null ? 0 : b.rows());
        long entries = a.entries() + (b == null ? 0 : b.entries());
        int dim = checkedDim(file, rows, Math.max(a.maxIndex(), b == null ? 0 : b.maxIndex()), entries, minFeatures);
        int[] rowStart = new int[rows + 1];
        int[] colIndex = new int[(int) entries];
        double[] values = new double[(int) entries];
        double[] labels = new double[rows];
        int r = 0;
        int k = 0;
        for (Chunk c : b == null ? new Chunk[] {a} : new Chunk[] {a, b}) {
            int e = 0;
            for (int i = 0; i < c.rows(); i++, r++) {
                labels[r] = c.labels()[i];
                rowStart[r] = k;
                for (int end = e + c.rowEntries()[i]; e < end; e++) {
                    if (c.val()[e] != 0) {
                        colIndex[k] = c.idx()[e];
                        values[k++] = c.val()[e];
                    }
                }
            }
        }
        rowStart[rows] = k;
        return finish(file, rows, dim, rowStart, Arrays.copyOf(colIndex, k), Arrays.copyOf(values, k), labels, normalise);
    }

    /**
     * The checks both parsers make before allocating the rows, in this order, and the dimension:
     * {@code entries} counts the idx:val pairs read, explicit zeros included.
     */
    private static int checkedDim(Path file, int rows, int maxIndex, long entries, int minFeatures) {
        if (rows == 0) {
            throw new InputException(file + ": no data rows");
        }
        int dim = Math.max(maxIndex, minFeatures);
        if (dim == 0) {
            throw new InputException(file + ": no features (every row is a bare label)");
        }
        if (entries > Integer.MAX_VALUE - 8) {
            throw new InputException(file + ": " + entries + " non-zeros, more than one data set may hold (" + (Integer.MAX_VALUE - 8) + ")");
        }
        MemoryCheck.require(12L * entries + 12L * rows, file + " as " + entries + " non-zeros");
        return dim;
    }

    /**
     * The data set from compressed sparse rows (explicit zeros already dropped), each row scaled to
     * unit ℓ2 norm first if asked, summing squares in column order as {@link Dataset#normalisedRows()} does.
     */
    private static Dataset finish(Path file, int rows, int dim, int[] rowStart, int[] colIndex, double[] values,
                                  double[] labels, boolean normalise) {
        if (normalise) {
            for (int r = 0; r < rows; r++) {
                Dataset.scaleToUnit(values, rowStart[r], rowStart[r + 1]);
            }
        }
        return Dataset.sparse(file.getFileName().toString(), rows, dim, rowStart, colIndex, values, labels);
    }

    /**
     * Parses a decimal number (optionally signed, with fraction and exponent) at pos: plain decimals
     * straight from the bytes, anything else through Double.parseDouble. {@code feature} is 0 for
     * the label, else the feature index (used only in error messages).
     */
    private double number(long feature) {
        int start = pos;
        while (pos < end && !isBlank(s[pos]) && s[pos] != '\n' && s[pos] != '\r' && s[pos] != '#') {
            pos++;
        }
        if (pos == start) {
            throw error("missing " + what(feature));
        }
        double v = fastParse(s, start, pos);
        if (!Double.isNaN(v)) {
            return v;
        }
        String text = new String(s, start, pos - start, java.nio.charset.StandardCharsets.UTF_8);
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException ex) {
            pos = start;
            throw error("bad " + what(feature) + " '" + text + "'");
        }
        if (text.chars().anyMatch(Character::isLetter) && !text.matches("[-+]?[0-9.]+[eE][-+]?[0-9]+")) {
            pos = start;
            throw error("bad " + what(feature) + " '" + text + "'");
        }
        if (!Double.isFinite(v)) {
            pos = start;
            throw error(what(feature) + " is not finite: '" + text + "'");
        }
        return v;
    }

    private static String what(long feature) {
        return feature == 0 ? "label" : "value of feature " + feature;
    }

    /** Integers and plain decimals without exponent, from bytes; NaN when the full parser is needed. */
    private static double fastParse(byte[] b, int from, int to) {
        int i = from;
        boolean neg = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            neg = b[i] == '-';
            i++;
        }
        long mant = 0;
        int digits = 0;
        int scale = 0;
        boolean dot = false;
        for (; i < to; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                if (digits >= 15) {
                    return Double.NaN;
                }
                mant = mant * 10 + (c - '0');
                digits++;
                if (dot) {
                    scale++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        // Exact: mant < 10^15 < 2^53 and 10^scale ≤ 10^15 are exact doubles; one correctly rounded division.
        double v = scale == 0 ? mant : mant / POW10[scale];
        return neg ? -v : v;
    }

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private boolean skipBlanks() {
        int start = pos;
        while (pos < end && isBlank(s[pos])) {
            pos++;
        }
        return pos > start;
    }

    private boolean atLineEnd() {
        return pos >= end || s[pos] == '\n' || s[pos] == '\r' || s[pos] == '#';
    }

    /** Skips a comment and the line terminator (LF, CRLF or a lone CR). */
    private void endLine() {
        while (pos < end && s[pos] != '\n' && s[pos] != '\r') {
            pos++;
        }
        if (pos < end && s[pos] == '\r') {
            pos++;
        }
        if (pos < end && s[pos] == '\n') {
            pos++;
        }
        line++;
    }

    private String token() {
        return token(pos);
    }

    private String token(int start) {
        int stop = start;
        while (stop < end && !isBlank(s[stop]) && s[stop] != '\n' && s[stop] != '\r' && stop - start < 40) {
            stop++;
        }
        return new String(s, start, stop - start, java.nio.charset.StandardCharsets.UTF_8);
    }

    private InputException error(String message) {
        return new InputException(file + ":" + (1 + lineEnds(s, from) + line) + ": " + message);
    }
}
