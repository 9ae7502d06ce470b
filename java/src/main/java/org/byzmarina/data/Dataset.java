package org.byzmarina.data;

/**
 * A labelled data set (rows × features) with one label per row, held in the form it was made in:
 * <ul>
 *   <li>dense, a row-major double matrix (the synthetic problem; dense LIBSVM files);</li>
 *   <li>sparse, as compressed sparse rows (LIBSVM files: a9a has 14 non-zeros in 123 columns, w8a
 *       12 in 300), so reading a file never allocates its dense form (32 MB for a9a, 120 MB for w8a).</li>
 * </ul>
 * {@link #features()} gives the dense matrix either way (made once on first use for sparse data);
 * the problems read sparse data through {@link #rowStart()}, {@link #colIndex()} and {@link #values()}.
 */
public final class Dataset {
    private final String name;
    private final int rows;
    private final int dim;
    private final double[] labels;
    private double[] features; // dense form; for sparse data made on first use
    private final int[] rowStart; // sparse form (null when dense): row r is [rowStart[r], rowStart[r + 1])
    private final int[] colIndex; // increasing within a row
    private final double[] values;

    /**
     * @param features row-major, rows * dim entries
     * @param labels   one label per row, as read (mapping to {0, 1} is the problem's business)
     */
    public Dataset(String name, int rows, int dim, double[] features, double[] labels) {
        if ((long) rows * dim != features.length || labels.length != rows) {
            throw new IllegalArgumentException("inconsistent data set: " + rows + " x " + dim + " with "
                    + features.length + " features and " + labels.length + " labels");
        }
        this.name = name;
        this.rows = rows;
        this.dim = dim;
        this.features = features;
        this.labels = labels;
        this.rowStart = null;
        this.colIndex = null;
        this.values = null;
    }

    private Dataset(String name, int rows, int dim, int[] rowStart, int[] colIndex, double[] values, double[] labels) {
        if (rowStart.length != rows + 1 || labels.length != rows || colIndex.length != values.length
                || rowStart[0] != 0 || rowStart[rows] != values.length) {
            throw new IllegalArgumentException("inconsistent sparse data set: " + rows + " rows, " + values.length + " non-zeros");
        }
        this.name = name;
        this.rows = rows;
        this.dim = dim;
        this.rowStart = rowStart;
        this.colIndex = colIndex;
        this.values = values;
        this.labels = labels;
    }

    /** A data set in compressed sparse rows (column indices 0-based and increasing within each row). */
    public static Dataset sparse(String name, int rows, int dim, int[] rowStart, int[] colIndex, double[] values, double[] labels) {
        return new Dataset(name, rows, dim, rowStart, colIndex, values, labels);
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    public double[] labels() {
        return labels;
    }

    public boolean isSparse() {
        return rowStart != null;
    }

    /** Sparse form only: where each row's non-zeros start (rows + 1 entries). */
    public int[] rowStart() {
        return rowStart;
    }

    /** Sparse form only: the non-zeros' column indices. */
    public int[] colIndex() {
        return colIndex;
    }

    /** Sparse form only: the non-zeros' values. */
    public double[] values() {
        return values;
    }

    /** Entries stored: rows × dim when dense, the non-zeros when sparse. */
    public long storedEntries() {
        return isSparse() ? values.length : (long) rows * dim;
    }

    /** The dense row-major matrix (for sparse data made on first call, after a memory check). */
    public synchronized double[] features() {
        if (features == null) {
            org.byzmarina.io.MemoryCheck.require(8L * rows * dim, name + " as a dense " + rows + " x " + dim + " matrix");
            double[] f = new double[Math.multiplyExact(rows, dim)];
            for (int r = 0; r < rows; r++) {
                for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
                    f[r * dim + colIndex[k]] = values[k];
                }
            }
            features = f;
        }
        return features;
    }

    public double get(int row, int j) {
        if (!isSparse()) {
            return features[row * dim + j];
        }
        int k = java.util.Arrays.binarySearch(colIndex, rowStart[row], rowStart[row + 1], j);
        return k >= 0 ? values[k] : 0;
    }

    /** The distinct label values, ascending. */
    public double[] labelValues() {
        // A plain scan for the usual handful of classes (the stream below boxes every label: slow on a cold JVM).
        double[] seen = new double[16];
        int n = 0;
        for (double v : labels) {
            int k = 0;
            while (k < n && Double.compare(seen[k], v) != 0) {
                k++;
            }
            if (k == n) {
                if (n == seen.length) {
                    return java.util.Arrays.stream(labels).distinct().sorted().toArray();
                }
                seen[n++] = v;
            }
        }
        double[] distinct = java.util.Arrays.copyOf(seen, n);
        java.util.Arrays.sort(distinct);
        return distinct;
    }

    /**
     * The labels mapped to {0, 1} for binary classification: the smaller of the two label values
     * becomes 0 (LIBSVM's −1), the larger 1.
     *
     * @throws IllegalArgumentException if there are not exactly two label values
     */
    public Dataset binaryLabels() {
        double[] distinct = labelValues();
        if (distinct.length != 2) {
            throw new IllegalArgumentException(name + ": logistic regression needs exactly two label values, found "
                    + distinct.length + " (" + java.util.Arrays.toString(java.util.Arrays.copyOf(distinct, Math.min(5, distinct.length))) + ")");
        }
        double[] mapped = new double[rows];
        for (int i = 0; i < rows; i++) {
            mapped[i] = labels[i] == distinct[1] ? 1 : 0;
        }
        return isSparse() ? sparse(name, rows, dim, rowStart, colIndex, values, mapped) : new Dataset(name, rows, dim, features, mapped);
    }

    /** A copy whose rows have unit ℓ2 norm (zero rows stay zero), as the paper's preprocessing. */
    public Dataset normalisedRows() {
        if (isSparse()) {
            double[] v = values.clone();
            for (int r = 0; r < rows; r++) {
                scaleToUnit(v, rowStart[r], rowStart[r + 1]);
            }
            return sparse(name, rows, dim, rowStart, colIndex, v, labels);
        }
        double[] f = features.clone();
        for (int i = 0; i < rows; i++) {
            scaleToUnit(f, i * dim, (i + 1) * dim);
        }
        return new Dataset(name, rows, dim, f, labels);
    }

    /** Scales v[from .. to) to unit ℓ2 norm (left alone if zero). */
    static void scaleToUnit(double[] v, int from, int to) {
        double s = 0;
        for (int k = from; k < to; k++) {
            s += v[k] * v[k];
        }
        if (s > 0) {
            double inv = 1 / Math.sqrt(s);
            for (int k = from; k < to; k++) {
                v[k] *= inv;
            }
        }
    }
}
