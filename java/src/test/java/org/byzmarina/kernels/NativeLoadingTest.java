package org.byzmarina.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The start-up deadlock of issue 9: native code is loaded and resolved only by {@link NativeLoading},
 * under one lock. (The CI's .ci/start-hang-check starts real processes; this checks the code.)
 */
class NativeLoadingTest {
    /** Source folders of the product and the benchmarks, from the java module's folder. */
    static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("../bench/src/main/java"));

    @Test
    void onlyNativeLoadingCallsJavaCppsLoader() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path root : SOURCES) {
            assertTrue(Files.isDirectory(root), root.toAbsolutePath() + " must exist");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    String name = f.getFileName().toString();
                    String text = Files.readString(f);
                    boolean usesLoader = text.contains("javacpp.Loader") || text.matches("(?s).*\\bLoader\\s*\\.\\s*(load|addressof|cacheDir|extractResource|loadGlobal)\\b.*");
                    // NativeLib's static initialiser calls Loader.load(), and runs only inside NativeLoading.
                    if (usesLoader && !name.equals("NativeLoading.java") && !name.equals("NativeLib.java")) {
                        offenders.add(f.toString());
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "Loader calls outside NativeLoading");
    }

    @Test
    void loadingIsIdempotentAndSafeFromManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Throwable>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> {
                    NativeLoading.loadCommon();
                    NativeLoading.requireKernels();
                    NativeKernels.supportedLevel();
                    return NativeLoading.load("org.bytedeco.javacpp.FloatPointer");
                }));
            }
            for (Future<Throwable> r : results) {
                assertNull(r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClassThatCannotLoadIsReportedNotThrown() {
        Throwable t = NativeLoading.load("org.byzmarina.kernels.NoSuchNativeLibrary");
        assertTrue(t instanceof ClassNotFoundException, String.valueOf(t));
    }
}
