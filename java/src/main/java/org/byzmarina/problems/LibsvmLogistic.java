package org.byzmarina.problems;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;
import org.byzmarina.config.Values;
import org.byzmarina.data.Dataset;
import org.byzmarina.data.LibsvmReader;
import org.byzmarina.io.InputException;
import org.byzmarina.kernels.NativeLoading;

/**
 * The paper's a9a/w8a problem: L2-regularised logistic regression (η = 0.01) on a LIBSVM file, rows
 * L2-normalised and labels mapped to {0, 1}, split over the clients (every client holds the whole
 * data set by default, as in the paper), with an optional test set for test_loss and test_accuracy.
 */
public final class LibsvmLogistic {
    public static final Setting<String> TEST = Setting.derived("test", Group.PROBLEM, SettingType.TEXT, "none",
            "LIBSVM test file (test_loss, test_accuracy)");
    public static final Setting<String> SPLIT = Setting.of("split", Group.PROBLEM,
            SettingType.custom("full, iid, niid, sorted or dirichlet:A", s -> {
                Splits.validate(s);
                return s.trim();
            }, s -> s), "full", "how the clients share the data: full | iid | niid (strided, file order) | sorted | dirichlet:A");
    public static final Component<ProblemInstance, ProblemEnv> COMPONENT = Component.<ProblemInstance, ProblemEnv>of(Kind.PROBLEM, "libsvm",
            "logistic regression on a LIBSVM file given as --dataset PATH (a9a, w8a, ...)",
            "Chang, Lin, LIBSVM data sets", List.of(TEST, SPLIT, LogisticRegression.RHO), LibsvmLogistic::build);

    private LibsvmLogistic() {
    }

    static ProblemInstance build(Values v, ProblemEnv env) {
        // JavaCPP and the kernels (the native sha256), before the hashing thread below starts; OpenBLAS is
        // left to the caller's decision once the problem is built (see NativeLoading)
        NativeLoading.loadCommon();
        Map<String, String> hashes = new LinkedHashMap<>();
        Path file = Path.of(env.dataset());
        // The provenance hash is computed on the other core while the file is parsed (or found in the
        // cache of files already parsed by this process: a sweep reads its data set once).
        CompletableFuture<String> hash = CompletableFuture.supplyAsync(() -> env.sha256().apply(file));
        Dataset data = Parsed.get(file, hash, env.nativeEngine());
        hashes.put(file.toString(), hash.join());
        Splits splits = Splits.of(v.get(SPLIT), data.labels(), env.clients(), env.seed());
        LogisticRegression problem = new LogisticRegression(file.getFileName().toString(), data, splits, env.byzantine(),
                LogisticRegression.ETA, v.get(LogisticRegression.RHO), env.batch());
        problem.useNativeEngine(env.nativeEngine());
        String test = v.get(TEST);
        if (test != null) {
            Path testFile = Path.of(test);
            Dataset t = LibsvmReader.read(testFile, data.dim(), true, env.nativeEngine());
            hashes.put(testFile.toString(), env.sha256().apply(testFile));
            if (t.dim() > data.dim()) {
                throw new InputException(testFile + ": has " + t.dim() + " features, the training set " + data.dim());
            }
            problem.setTestSet(binary(t));
        }
        return ProblemInstance.logistic(problem, env, hashes, 3L * (data.isSparse() ? 12 : 8) * data.storedEntries());
    }

    /**
     * Training sets this process has parsed (rows normalised, labels binary), kept softly: a sweep's
     * runs share one parse. An entry is used only if the file's size, modification time and sha256
     * all still match, so an edited file is parsed again.
     */
    private static final class Parsed {
        private record Entry(long size, long modified, String sha256, Dataset data) {
        }

        private static final Map<Path, java.lang.ref.SoftReference<Entry>> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

        static Dataset get(Path file, CompletableFuture<String> hash, boolean nativeParse) {
            Path key = file.toAbsolutePath().normalize();
            long size = -1;
            long modified = -1;
            try {
                size = java.nio.file.Files.size(file);
                modified = java.nio.file.Files.getLastModifiedTime(file).toMillis();
            } catch (java.io.IOException e) {
                // unreadable attributes: no caching; reading reports the problem
            }
            java.lang.ref.SoftReference<Entry> ref = CACHE.get(key);
            Entry e = ref == null ? null : ref.get();
            if (e != null && size >= 0 && e.size() == size && e.modified() == modified && e.sha256().equals(hash.join())) {
                return e.data();
            }
            Dataset data = binary(LibsvmReader.read(file, 0, true, nativeParse));
            if (size >= 0) {
                if (CACHE.size() >= 4) {
                    CACHE.clear();
                }
                CACHE.put(key, new java.lang.ref.SoftReference<>(new Entry(size, modified, hash.join(), data)));
            }
            return data;
        }
    }

    private static Dataset binary(Dataset d) {
        try {
            return d.binaryLabels();
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
    }
}
