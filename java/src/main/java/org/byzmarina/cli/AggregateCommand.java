package org.byzmarina.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.byzmarina.aggregation.Aggregator;
import org.byzmarina.aggregation.AggregatorSpec;
import org.byzmarina.aggregation.Bucketing;
import org.byzmarina.aggregation.ByzantineBudget;
import org.byzmarina.aggregation.KrumRule;
import org.byzmarina.aggregation.NonFiniteRule;
import org.byzmarina.aggregation.RfaRule;
import org.byzmarina.aggregation.RfaSmoothing;
import org.byzmarina.aggregation.Rule;
import org.byzmarina.aggregation.TrimmedMeanRule;
import org.byzmarina.io.AtomicFiles;
import org.byzmarina.io.MemoryCheck;
import org.byzmarina.io.UserText;
import org.byzmarina.io.Npy;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.JavaKernels;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.KernelsProvider;
import org.byzmarina.kernels.KernelsProvider.Backend;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Seeds;
import org.byzmarina.random.SplitMix64;

/**
 * {@code aggregate}: robust aggregation of the rows of an .npy matrix (or of a seeded random batch,
 * timing each backend). The non-finite rule of SPEC.md is applied first; {@code --byzantine} is
 * taken literally as f (Krum, Multi-Krum, NNM) and t (CWTM).
 */
@Parameters(commandDescription = "Aggregate the rows of an m x d .npy array with a robust rule")
final class AggregateCommand extends Command {
    @Parameter(names = "--rule", description = "mean|cm|cwtm|rfa|krum|multikrum")
    private String rule = "cm";

    @Parameter(names = "--in", description = "Input .npy file: m x d float32 or float64, C order")
    private String in;

    @Parameter(names = "--random", description = "Aggregate a seeded random MxD batch instead of --in, timing the backends")
    private String random;

    @Parameter(names = "--out", description = "Output .npy file (length-d float32), written atomically")
    private String out;

    @Parameter(names = "--byzantine", description = "f for Krum/Multi-Krum/NNM (m >= 2f + 3), t for CWTM (t < m/2); taken literally")
    private int byzantine = 0;

    @Parameter(names = "--bucket-size", description = "Bucketing s (1 = none)")
    private int bucketSize = 1;

    @Parameter(names = "--nnm", description = "Nearest-neighbour mixing before the rule")
    private boolean nnm;

    @Parameter(names = "--select", description = "Multi-Krum's q (default m - f)")
    private int select = KrumRule.SELECT_DEFAULT;

    @Parameter(names = "--iterations", description = "RFA (smoothed Weiszfeld) iterations T")
    private int iterations = RfaRule.DEFAULT_ITERATIONS;

    @Parameter(names = "--nu", description = "RFA smoothing ν: a number, or rel:R for R × the median input norm")
    private String nu = Double.toString(RfaRule.DEFAULT_NU);

    @Parameter(names = "--seed", description = "Seed of the random batch and of bucketing's permutation")
    private long seed = 0;

    @Parameter(names = "--backend", description = "auto|java|native (with --random and no --backend: both)")
    private String backend;

    @Parameter(names = "--threads", description = "Kernel threads (default: all cores)")
    private int threads = KernelsProvider.defaultThreads();

    @Parameter(names = "--repeat", description = "Timed repetitions per backend with --random (median reported)")
    private int repeat = 3;

    @Parameter(names = "--quiet", description = "No log lines")
    private boolean quiet;



    @Override
    boolean quiet() {
        return quiet;
    }

    @Override
    int execute(PrintStream stdout, PrintStream stderr) {
        if ((in == null) == (random == null)) {
            throw new UserError("give exactly one of --in FILE.npy or --random MxD");
        }
        if (in != null && out == null) {
            throw new UserError("--out FILE.npy is required with --in");
        }
        if (threads < 1) {
            throw new UserError("--threads must be >= 1, got " + threads);
        }
        if (repeat < 1) {
            throw new UserError("--repeat must be >= 1, got " + repeat);
        }
        if (byzantine < 0) {
            throw new UserError("--byzantine must be >= 0, got " + byzantine);
        }
        if (out != null) {
            try {
                AtomicFiles.requireFolder(Path.of(out), Path.of(out).toAbsolutePath().getParent()); // before the work
            } catch (IOException e) {
                throw ioError(e);
            }
        }
        AggregatorSpec spec = new AggregatorSpec(Rule.parse(rule), bucketSize, nnm, select, iterations,
                RfaSmoothing.parse(nu));
        Batch input = in != null ? Npy.read(Path.of(in)) : randomBatch(random, seed);
        int m = input.rows();
        spec.build(new JavaKernels(1), ByzantineBudget.literal(byzantine)).checkInputs(m);
        if (spec.rule() == Rule.CWTM) { // t is literal here: refused, not lowered, when it would trim everything
            TrimmedMeanRule.requireLiteralTrim(byzantine, spec.bucketSize() > 1 ? Bucketing.buckets(m, spec.bucketSize()) : m);
        }

        List<Backend> backends = new ArrayList<>();
        if (backend != null) {
            backends.add(Backend.parse(backend));
        } else if (random != null) {
            backends.add(Backend.JAVA);
            backends.add(Backend.NATIVE);
        } else {
            backends.add(Backend.AUTO);
        }
        String what = in != null ? in : "a random " + m + "x" + input.dim() + " batch (seed " + seed + ")";
        if (random != null) {
            stdout.printf(Locale.ROOT, "aggregate %s on %s%n", describe(spec), what);
        }
        List<float[]> results = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        for (Backend b : backends) {
            Kernels kernels = KernelsProvider.create(b, threads);
            Batch work = copy(input);
            Batch result = Batch.allocate(1, input.dim());
            Aggregator agg = spec.build(kernels, ByzantineBudget.literal(byzantine));
            long aggSeed = Seeds.derive(seed, 0, Seeds.SERVER, Purpose.BUCKETING);
            int runs = random != null ? repeat + 1 : 1; // one warm-up run when timing
            double[] ms = new double[random != null ? repeat : 1];
            int nonFinite = 0;
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                nonFinite = NonFiniteRule.apply(kernels, work, m);
                agg.aggregate(work, m, result, aggSeed);
                double elapsed = (System.nanoTime() - t0) / 1e6;
                if (random == null || r > 0) {
                    ms[random == null ? 0 : r - 1] = elapsed;
                }
            }
            Arrays.sort(ms);
            double median = ms[ms.length / 2];
            results.add(result.row(0));
            times.add(median);
            String timing = String.format(Locale.ROOT, "%10.2f ms", median);
            if (random != null) {
                String speed = times.size() > 1 ? String.format(Locale.ROOT, "   (%.1fx faster than %s)", times.get(0) / median, backends.get(0).name().toLowerCase(Locale.ROOT)) : "";
                stdout.printf(Locale.ROOT, "  %-34s %s%s%n", KernelsProvider.describe(kernels), timing, speed);
            } else {
                stdout.printf(Locale.ROOT, "aggregated %d x %d rows of %s with %s by %s in %.2f ms%n", m, input.dim(), in,
                        describe(spec), KernelsProvider.describe(kernels), median);
            }
            if (nonFinite > 0) {
                stdout.printf(Locale.ROOT, "  %d row(s) with NaN/Inf entries were replaced by zero (non-finite rule)%n", nonFinite);
            }
        }
        if (results.size() == 2) {
            stdout.println("  outputs: " + compare(results.get(0), results.get(1)));
        }
        if (out != null) {
            try {
                Npy.writeVector(Path.of(out), results.get(results.size() - 1));
            } catch (IOException e) {
                throw ioError(e);
            }
            stdout.println("wrote " + out);
        }
        return Main.OK;
    }

    private String describe(AggregatorSpec spec) {
        String s = spec.rule().label();
        if (spec.bucketSize() > 1) {
            s += " with bucketing s=" + spec.bucketSize();
        }
        if (spec.nnm()) {
            s += " after NNM";
        }
        return s + (byzantine > 0 ? " (f=" + byzantine + ")" : "");
    }

    /** "bit-identical" or the number of differing coordinates and the largest difference. */
    static String compare(float[] a, float[] b) {
        int differ = 0;
        double max = 0;
        for (int j = 0; j < a.length; j++) {
            if (Float.floatToRawIntBits(a[j]) != Float.floatToRawIntBits(b[j])) {
                differ++;
                max = Math.max(max, Math.abs((double) a[j] - b[j]));
            }
        }
        return differ == 0 ? "bit-identical across backends"
                : String.format(Locale.ROOT, "%d of %d coordinates differ, max |diff| = %.3g", differ, a.length, max);
    }

    /** A seeded batch with entries uniform in [-1, 1); row i from its own stream (seed, 0, i, RANDOM_BATCH). */
    static Batch randomBatch(String shape, long seed) {
        String[] parts = shape.toLowerCase(Locale.ROOT).split("x");
        long rows;
        long cols;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            rows = Long.parseLong(parts[0].trim());
            cols = Long.parseLong(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new UserError("--random expects MxD with positive integers, e.g. 128x100000; got " + UserText.quote(shape));
        }
        if (rows < 1 || cols < 1 || rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE
                || Batch.bytesFor(rows, (int) cols) / Float.BYTES > Batch.maxFloats()) {
            throw new UserError("--random " + UserText.show(shape) + ": sizes must be positive and at most " + Batch.maxFloats()
                    + " floats in all");
        }
        MemoryCheck.require(MemoryCheck.product(3, Batch.bytesFor(rows, (int) cols)), "--random " + UserText.show(shape)
                + " (input and one copy per backend)");
        Batch b = Batch.allocate((int) rows, (int) cols);
        for (int i = 0; i < rows; i++) {
            SplitMix64 rng = Seeds.stream(seed, 0, i, Purpose.RANDOM_BATCH);
            for (int j = 0; j < cols; j++) {
                b.set(i, j, (float) (2 * rng.nextDouble() - 1));
            }
        }
        return b;
    }

    private static Batch copy(Batch src) {
        Batch b = Batch.allocate(src.rows(), src.dim());
        for (int i = 0; i < src.rows(); i++) {
            b.copyRow(src, i, i);
        }
        return b;
    }
}
