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
import org.byzmarina.aggregation.AggregationEnv;
import org.byzmarina.aggregation.Bucketing;
import org.byzmarina.aggregation.ByzantineBudget;
import org.byzmarina.aggregation.NonFiniteRule;
import org.byzmarina.aggregation.ServerSide;
import org.byzmarina.aggregation.TrimmedMeanRule;
import org.byzmarina.config.Component;
import org.byzmarina.config.Setting;
import org.byzmarina.config.Values;
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
import org.byzmarina.registry.Registry;

/**
 * {@code aggregate}: robust aggregation of the rows of an .npy matrix (or of a seeded random batch,
 * timing each backend). The non-finite rule of docs/algorithm.md is applied first; {@code --byzantine} is
 * taken literally as f (Krum, Multi-Krum, NNM) and t (CWTM).
 */
@Parameters(commandDescription = "Aggregate the rows of an m x d .npy array with a robust rule")
final class AggregateCommand extends Command {
    @Parameter(names = "--rule", description = "the aggregation rule (see `list`); its options are flags of their own")
    private String rule = "cm";

    /** The options of the rules and pre-aggregators (--bucket-size, --nnm, --iterations, --tau, ...), from the registry. */
    private final SettingParameters options = new SettingParameters(ruleOptions());

    private static List<Setting<?>> ruleOptions() {
        java.util.LinkedHashSet<Setting<?>> set = new java.util.LinkedHashSet<>();
        for (Component<?, ?> c : Registry.PRE_AGGREGATORS) {
            set.addAll(c.settings());
        }
        for (Component<?, ?> c : Registry.AGGREGATORS) {
            set.addAll(c.settings());
        }
        return new ArrayList<>(set);
    }

    @Override
    void attachSettings(com.beust.jcommander.JCommander command) {
        options.attachTo(command);
    }

    @Override
    List<String> extraSwitches() {
        return options.switchFlags();
    }

    /** The rule with its pre-aggregators, built from the options given. */
    private Aggregator build(Kernels kernels, Values values, ServerSide server) {
        return Registry.aggregator(values, new AggregationEnv(kernels, ByzantineBudget.literal(byzantine), server));
    }

    @Parameter(names = "--in", description = "Input .npy file: m x d float32 or float64, C order")
    private String in;

    @Parameter(names = "--random", description = "Aggregate a seeded random MxD batch instead of --in, timing the backends")
    private String random;

    @Parameter(names = "--out", description = "Output .npy file (length-d float32), written atomically")
    private String out;

    @Parameter(names = "--byzantine", description = "f (t for CWTM) told to the rule, taken literally: Krum needs m >= 2f + 3, "
            + "CWTM t < m/2, Bulyan m >= 4f + 3")
    private int byzantine = 0;

    @Parameter(names = "--reference", description = "FLTrust/MoNNA's trusted vector: a .npy of shape (d,) or (1, d)")
    private String reference;

    @Parameter(names = "--center", description = "CClip's starting point: a .npy of shape (d,) or (1, d) (default 0)")
    private String center;

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
        // No bucketing unless --bucket-size says so (run's default is the paper's s = 2).
        Values values = options.values().withDefaults(java.util.Map.of(Bucketing.BUCKET_SIZE.key(), 1,
                Registry.AGGREGATOR.key(), Registry.AGGREGATOR.type().parse("--rule", rule)));
        Batch input = in != null ? Npy.read(Path.of(in)) : randomBatch(random, seed);
        int m = input.rows();
        ServerSide server = ServerSide.of(vector(center, "--center", input.dim()), vector(reference, "--reference", input.dim()));
        Aggregator spec = build(new JavaKernels(1), values, server);
        spec.checkInputs(m);
        int bucketSize = values.get(Bucketing.BUCKET_SIZE);
        if (rule.trim().equalsIgnoreCase("cwtm")) { // t is literal here: refused, not lowered, when it would trim everything
            TrimmedMeanRule.requireLiteralTrim(byzantine, bucketSize > 1 ? Bucketing.buckets(m, bucketSize) : m);
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
            Aggregator agg = build(kernels, values, server);
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

    private String describe(Aggregator spec) {
        return spec.describe() + (byzantine > 0 ? " (f=" + byzantine + ")" : "");
    }

    /** A length-d vector from a .npy file, or null without one. */
    private static double[] vector(String file, String flag, int d) {
        return file == null ? null : Npy.readVector(Path.of(file), d);
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
