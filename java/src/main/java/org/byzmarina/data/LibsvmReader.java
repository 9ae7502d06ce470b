package org.byzmarina.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.byzmarina.io.InputException;
import org.byzmarina.io.MemoryCheck;

/**
 * Reads LIBSVM text files ({@code label idx:val idx:val ...}, 1-based increasing indices) with a
 * byte-level parser: LF or CRLF line ends, a missing final newline, blank lines and {@code #}
 * comments are accepted; anything else malformed is reported as {@code FILE:LINE: message}.
 */
public final class LibsvmReader {
    /** Refuse data sets whose dense form would exceed this many features per row. */
    public static final int MAX_FEATURES = 10_000_000;

    private final Path file;
    private final byte[] s;
    private int pos;
    private int line = 1;

    private LibsvmReader(Path file, byte[] bytes) {
        this.file = file;
        this.s = bytes;
    }

    public static Dataset read(Path file) {
        return read(file, 0);
    }

    /**
     * @param minFeatures the dimension to use if the file's largest index is smaller (e.g. a test
     *                    set that does not use the last feature); 0 = the file's largest index
     */
    public static Dataset read(Path file, int minFeatures) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        } catch (OutOfMemoryError e) {
            throw new InputException(file + ": too large to read into memory; raise java -Xmx");
        }
        return new LibsvmReader(file, bytes).parse(minFeatures);
    }

    private Dataset parse(int minFeatures) {
        // First pass: count rows and entries so the arrays are allocated once.
        int rows = 0;
        long entries = 0;
        int[] rowEntries = new int[16];
        double[] labels = new double[16];
        int[] idx = new int[64];
        double[] val = new double[64];
        int maxIndex = 0;
        while (pos < s.length) {
            skipBlanks();
            if (atLineEnd()) {
                endLine();
                continue;
            }
            double label = number("label");
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
                while (pos < s.length && s[pos] >= '0' && s[pos] <= '9') {
                    index = index * 10 + (s[pos++] - '0');
                    if (index > MAX_FEATURES) {
                        throw error("feature index " + token(start) + " exceeds the limit of " + MAX_FEATURES);
                    }
                }
                if (pos == start || pos >= s.length || s[pos] != ':') {
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
                double v = number("value of feature " + index);
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
        if (rows == 0) {
            throw new InputException(file + ": no data rows");
        }
        int dim = Math.max(maxIndex, minFeatures);
        if (dim == 0) {
            throw new InputException(file + ": no features (every row is a bare label)");
        }
        MemoryCheck.require(8L * rows * dim, file + " as a dense " + rows + " x " + dim + " matrix");
        double[] features = new double[Math.multiplyExact(rows, dim)];
        long e = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < rowEntries[r]; c++, e++) {
                features[r * dim + idx[(int) e]] = val[(int) e];
            }
        }
        return new Dataset(file.getFileName().toString(), rows, dim, features, Arrays.copyOf(labels, rows));
    }

    /** Parses a decimal number (optionally signed, with fraction and exponent) at pos. */
    private double number(String what) {
        int start = pos;
        while (pos < s.length && !isBlank(s[pos]) && s[pos] != '\n' && s[pos] != '\r' && s[pos] != '#') {
            pos++;
        }
        if (pos == start) {
            throw error("missing " + what);
        }
        String text = new String(s, start, pos - start, java.nio.charset.StandardCharsets.US_ASCII);
        double v = fastParse(text);
        if (Double.isNaN(v)) {
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException ex) {
                pos = start;
                throw error("bad " + what + " '" + text + "'");
            }
            if (text.chars().anyMatch(Character::isLetter) && !text.matches("[-+]?[0-9.]+[eE][-+]?[0-9]+")) {
                pos = start;
                throw error("bad " + what + " '" + text + "'");
            }
        }
        if (!Double.isFinite(v)) {
            pos = start;
            throw error(what + " is not finite: '" + text + "'");
        }
        return v;
    }

    /** Integers and plain decimals without exponent; NaN when the text needs the full parser. */
    private static double fastParse(String t) {
        int i = 0;
        boolean neg = false;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            neg = t.charAt(i) == '-';
            i++;
        }
        long mant = 0;
        int digits = 0;
        int scale = 0;
        boolean dot = false;
        for (; i < t.length(); i++) {
            char c = t.charAt(i);
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
        while (pos < s.length && isBlank(s[pos])) {
            pos++;
        }
        return pos > start;
    }

    private boolean atLineEnd() {
        return pos >= s.length || s[pos] == '\n' || s[pos] == '\r' || s[pos] == '#';
    }

    /** Skips a comment and the line terminator (LF, CRLF or a lone CR). */
    private void endLine() {
        while (pos < s.length && s[pos] != '\n' && s[pos] != '\r') {
            pos++;
        }
        if (pos < s.length && s[pos] == '\r') {
            pos++;
        }
        if (pos < s.length && s[pos] == '\n') {
            pos++;
        }
        line++;
    }

    private String token() {
        return token(pos);
    }

    private String token(int start) {
        int end = start;
        while (end < s.length && !isBlank(s[end]) && s[end] != '\n' && s[end] != '\r' && end - start < 40) {
            end++;
        }
        return new String(s, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
    }

    private InputException error(String message) {
        return new InputException(file + ":" + line + ": " + message);
    }
}
