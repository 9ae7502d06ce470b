package org.byzmarina.experiment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * metrics.csv with exactly the columns of docs/algorithm.md "Metrics". Numbers are written with
 * {@link Double#toString} (shortest round-trip form, ≥ 10 significant digits whenever the value
 * needs them); undefined values (no f*, no test set, 0/0) are empty fields, never "NaN".
 */
final class MetricsCsv implements AutoCloseable {
    static final String HEADER = "round,epoch,client_epochs,oracle_calls,loss,gap,grad_norm_sq,estimator_error,clip_level,bits,"
            + "byz_majority_rounds,clipped_fraction,test_loss,test_accuracy,short_rounds,empty_rounds,wall_s";

    private final BufferedWriter out;

    MetricsCsv(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(HEADER);
        out.write('\n');
    }

    /** One row; each value is a Long, a finite Double, or null (empty field). */
    void row(Object... values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(format(values[i]));
        }
        sb.append('\n');
        try {
            out.write(sb.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double) {
            double d = (Double) v;
            return Double.isFinite(d) ? Double.toString(d) : "";
        }
        return v.toString();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
