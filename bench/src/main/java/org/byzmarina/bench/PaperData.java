package org.byzmarina.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.byzmarina.data.Dataset;
import org.byzmarina.data.LibsvmReader;
import org.byzmarina.problems.LogisticRegression;
import org.byzmarina.problems.Splits;

/** The paper's a9a problem for benchmarks: from the folder $BYZMARINA_DATA, n = 20 clients on the full split, B = 5, b = 32. */
final class PaperData {
    private PaperData() {
    }

    /** @param who the benchmark, for the message when a9a is missing */
    static LogisticRegression a9a(String who) {
        Path dir = Path.of(System.getenv().getOrDefault("BYZMARINA_DATA", "../shared/data"));
        Path a9a = dir.resolve("a9a");
        if (!Files.isReadable(a9a)) {
            throw new IllegalStateException(who + " needs a9a: set BYZMARINA_DATA (looked in " + dir + ")");
        }
        Dataset data = LibsvmReader.read(a9a).binaryLabels().normalisedRows();
        return new LogisticRegression("a9a", data, Splits.full(data.rows(), 20), 5, LogisticRegression.ETA, 0, 32);
    }
}
