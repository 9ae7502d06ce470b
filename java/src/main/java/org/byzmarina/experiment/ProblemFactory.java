package org.byzmarina.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.byzmarina.data.Dataset;
import org.byzmarina.data.LibsvmReader;
import org.byzmarina.io.InputException;
import org.byzmarina.io.MemoryCheck;
import org.byzmarina.kernels.NativeLoading;
import org.byzmarina.problems.LogisticRegression;
import org.byzmarina.problems.OptimumSolver;
import org.byzmarina.problems.Problem;
import org.byzmarina.problems.Quadratic;
import org.byzmarina.problems.Splits;
import org.byzmarina.problems.SyntheticLogistic;

/** Builds the problem a run asks for: synthetic logistic, synthetic quadratic, or a LIBSVM file. */
final class ProblemFactory {
    private static final Logger LOG = Logger.getLogger(ProblemFactory.class.getName());

    /** The problem, f* (or null), the sha256 of every data file read, and the data's bytes in memory. */
    record Built(Problem problem, Double fStar, Map<String, String> dataSha256, long dataBytes) {
    }

    private ProblemFactory() {
    }

    /**
     * @param clients   n after removing Byzantines for the "na" attack
     * @param byzantine B after the same
     */
    static Built build(RunSpec spec, int clients, int byzantine, boolean solveOptimum) throws IOException {
        NativeLoading.loadCommon(); // OpenBLAS, before the hashing thread below starts; see NativeLoading
        Map<String, String> hashes = new LinkedHashMap<>();
        if (spec.isQuadratic()) {
            Quadratic q = new Quadratic(clients, byzantine, spec.dim(), spec.samplesPerClient(), spec.heterogeneity(),
                    spec.gradNoise(), spec.seed());
            return new Built(q, spec.fstar() != null ? spec.fstar() : q.optimum().getAsDouble(), hashes, 0);
        }
        LogisticRegression problem;
        long dataBytes;
        if (spec.isSynthetic()) {
            MemoryCheck.require(16L * clients * spec.samplesPerClient() * spec.dim(),
                    "the synthetic data set (" + clients + " clients x " + spec.samplesPerClient() + " samples x d = "
                            + spec.dim() + "); lower --clients, --samples-per-client or --dim, or use --dataset quadratic");
            SyntheticLogistic.Generated g = SyntheticLogistic.generate(clients, spec.samplesPerClient(), spec.dim(),
                    spec.heterogeneity(), spec.seed());
            problem = new LogisticRegression("synthetic", g.data(), g.splits(), byzantine, LogisticRegression.ETA,
                    spec.rho(), spec.batch());
            dataBytes = 3L * 8 * g.data().features().length;
        } else {
            Path file = Path.of(spec.dataset());
            // The provenance hash is computed on the other core while the file is parsed.
            java.util.concurrent.CompletableFuture<String> hash = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return Provenance.sha256(file);
                } catch (IOException e) {
                    return "unreadable: " + e.getMessage();
                }
            });
            Dataset raw = LibsvmReader.read(file, 0, true);
            hashes.put(file.toString(), hash.join());
            Dataset data = binary(raw);
            dataBytes = 3L * 8 * data.features().length;
            Splits splits = Splits.of(spec.split(), data.labels(), clients, spec.seed());
            problem = new LogisticRegression(file.getFileName().toString(), data, splits, byzantine,
                    LogisticRegression.ETA, spec.rho(), spec.batch());
            if (spec.test() != null) {
                Path testFile = Path.of(spec.test());
                Dataset test = LibsvmReader.read(testFile, data.dim(), true);
                hashes.put(testFile.toString(), Provenance.sha256(testFile));
                if (test.dim() > data.dim()) {
                    throw new InputException(testFile + ": has " + test.dim() + " features, the training set "
                            + data.dim());
                }
                problem.setTestSet(binary(test));
            }
        }
        Double fStar = spec.fstar();
        if (fStar == null && spec.rho() == 0 && solveOptimum) {
            fStar = OptimumSolver.solve(problem);
        } else if (fStar == null && spec.rho() > 0) {
            LOG.info("no f* for the non-convex problem (rho > 0): the gap column stays empty unless --fstar is given");
        }
        if (fStar != null) {
            problem.setOptimum(fStar);
        }
        return new Built(problem, fStar, hashes, dataBytes);
    }

    private static Dataset binary(Dataset d) {
        try {
            return d.binaryLabels();
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
    }
}
