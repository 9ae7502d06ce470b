package org.byzmarina.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.byzmarina.data.Dataset;
import org.byzmarina.data.LibsvmReader;
import org.byzmarina.kernels.NativeLoading;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a9a (LibsvmReader.read, rows normalised as the libsvm problem reads it): the native parser
 * (bm_libsvm_scan/bm_libsvm_fill, on the calling thread) against the Java parser (two threads above
 * 1 MB). a9a from $BYZMARINA_DATA (../shared/data) if present, else a generated file of a9a's shape
 * (32 561 rows of 14 ones among 123 features). With the JIT warm, as JMH measures, the gap is smaller
 * than at start-up, where the Java parser runs interpreted or half-compiled.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LibsvmBenchmark {
    @Param({"native", "java"})
    String parser;

    Path file;
    boolean generated;

    @Setup
    public void setUp() throws IOException {
        NativeLoading.requireKernels();
        Path a9a = Path.of(System.getenv().getOrDefault("BYZMARINA_DATA", "../shared/data")).resolve("a9a");
        generated = !Files.isReadable(a9a);
        file = generated ? generate() : a9a;
    }

    /** 32 561 rows, each a label and 14 increasing indices among 1..123 with value 1, as in a9a. */
    private static Path generate() throws IOException {
        SplittableRandom r = new SplittableRandom(9);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 32_561; i++) {
            b.append(r.nextInt(4) == 0 ? "+1" : "-1");
            int index = 0;
            for (int k = 0; k < 14 && index < 123 - (14 - k); k++) {
                index += 1 + r.nextInt(Math.max(1, (123 - index) / (14 - k)));
                b.append(' ').append(index).append(":1");
            }
            b.append(" \n");
        }
        Path p = Files.createTempFile("libsvm-bench", ".txt");
        Files.writeString(p, b, StandardCharsets.US_ASCII);
        return p;
    }

    @TearDown
    public void tearDown() throws IOException {
        if (generated) {
            Files.deleteIfExists(file);
        }
    }

    @Benchmark
    public Dataset read() {
        return LibsvmReader.read(file, 0, true, "native".equals(parser));
    }
}
