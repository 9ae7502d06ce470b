package org.byzmarina.data;

/**
 * A labelled data set held as a dense row-major double matrix (rows × features) with one label per
 * row. LIBSVM data sets of the paper (a9a: 32 561 × 123, w8a: 49 749 × 300) fit easily; dense rows
 * let the gradients run through BLAS gemv.
 *
 * @param features row-major, rows * dim entries
 * @param labels   one label per row, as read (mapping to {0, 1} is the problem's business)
 */
public record Dataset(String name, int rows, int dim, double[] features, double[] labels) {
    public Dataset {
        if ((long) rows * dim != features.length || labels.length != rows) {
            throw new IllegalArgumentException("inconsistent data set: " + rows + " x " + dim + " with "
                    + features.length + " features and " + labels.length + " labels");
        }
    }

    public double get(int row, int j) {
        return features[row * dim + j];
    }

    /** The distinct label values, ascending. */
    public double[] labelValues() {
        return java.util.Arrays.stream(labels).distinct().sorted().toArray();
    }

    /**
     * The labels mapped to {0, 1} for binary classification: the smaller of the two label values
     * becomes 0 (LIBSVM's −1), the larger 1.
     *
     * @throws IllegalArgumentException if there are not exactly two label values
     */
    public Dataset binaryLabels() {
        double[] values = labelValues();
        if (values.length != 2) {
            throw new IllegalArgumentException(name + ": logistic regression needs exactly two label values, found "
                    + values.length + " (" + java.util.Arrays.toString(java.util.Arrays.copyOf(values, Math.min(5, values.length))) + ")");
        }
        double[] mapped = new double[rows];
        for (int i = 0; i < rows; i++) {
            mapped[i] = labels[i] == values[1] ? 1 : 0;
        }
        return new Dataset(name, rows, dim, features, mapped);
    }

    /** A copy whose rows have unit ℓ2 norm (zero rows stay zero), as the paper's preprocessing. */
    public Dataset normalisedRows() {
        double[] f = features.clone();
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += f[i * dim + j] * f[i * dim + j];
            }
            if (s > 0) {
                double inv = 1 / Math.sqrt(s);
                for (int j = 0; j < dim; j++) {
                    f[i * dim + j] *= inv;
                }
            }
        }
        return new Dataset(name, rows, dim, f, labels);
    }
}
