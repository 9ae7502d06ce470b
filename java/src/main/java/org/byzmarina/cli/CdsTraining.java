package org.byzmarina.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training workload for byzmarina's class-data-sharing archive: `mvn package` runs this class
 * once under {@code -XX:ArchiveClassesAtExit=java/target/byzmarina.jsa}, and the {@code byzmarina}
 * launcher starts the JVM with that archive, so the classes every command needs are mapped from it
 * instead of being read from the jar, parsed and verified at each start (docs/architecture.md,
 * "Start-up").
 *
 * <p>It runs each command once, in this process and on small inputs, in a temporary folder it
 * deletes: a run on the built-in synthetic problem, a run on a small LIBSVM file (written here), a
 * sweep with an index, a plot of that sweep, an aggregation of a small .npy and the theory's
 * constants. A command that fails makes the build fail (exit 1): an archive trained on an error path
 * would miss the classes that matter.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("byzmarina-cds-");
        try {
            Path libsvm = dir.resolve("train.libsvm");
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                rows.append(i % 3 == 0 ? "+1" : "-1");
                for (int j = 1; j <= 20; j++) {
                    if ((i * 7 + j * 3) % 5 == 0) {
                        rows.append(' ').append(j).append(':').append(((i + j) % 4) * 0.25 + 0.25);
                    }
                }
                rows.append('\n');
            }
            Files.writeString(libsvm, rows);
            Path sweep = dir.resolve("sweep.json");
            Files.writeString(sweep, "{\"base\": {\"rounds\": 20, \"threads\": 1}, \"grid\": {\"clip\": [\"none\", 1]}, \"seeds\": [0]}");
            Path npy = dir.resolve("in.npy");
            org.byzmarina.io.Npy.writeMatrix(npy, new float[] {1, 2, 3, 1, 2, 4, 9, 9, 9, 1, 3, 3, 2, 2, 3}, 5, 3);
            command("run", "--rounds", "30", "--out", dir.resolve("synthetic").toString());
            command("run", "--dataset", libsvm.toString(), "--rounds", "30", "--fstar", "0.5", "--out", dir.resolve("libsvm").toString());
            command("run", "--preset", "authors-code", "--dataset", libsvm.toString(), "--epochs", "2", "--out", dir.resolve("preset").toString());
            command("sweep", "--config", sweep.toString(), "--out", dir.resolve("sweep").toString(), "--quiet");
            command("plot", dir.resolve("sweep").toString(), "--out", dir.resolve("sweep.png").toString());
            command("aggregate", "--in", npy.toString(), "--rule", "cm", "--bucket-size", "2", "--out", dir.resolve("out.npy").toString());
            command("list");
            command("theory", "--dim", "20", "--samples-per-client", "50", "--json");
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        if (code != Main.OK) {
            System.err.println("CDS training: `" + String.join(" ", args) + "` exited " + code + ": " + err.toString(StandardCharsets.UTF_8));
            System.exit(1);
        }
    }
}
