package org.byzmarina.problems;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Seeds;
import org.byzmarina.random.SplitMix64;

/**
 * How a data set's rows are shared among n clients (docs/algorithm.md "Data splits"): every client holds the
 * full data set ("full", the paper's homogeneous setting), i.i.d. shards, strided shards of the file's own
 * order ("niid", the authors' MNIST split without shuffling), label-sorted shards, or Dirichlet(α)
 * label-skewed shards. A split is a row order plus each client's contiguous block in it.
 */
public record Splits(int[] order, int[] start, int[] count, boolean shared) {

    /** Parses "full", "iid", "niid", "sorted" or "dirichlet:A". */
    public static Splits of(String spec, double[] labels, int clients, long seed) {
        String s = spec.trim();
        if (s.equals("full")) {
            return full(labels.length, clients);
        }
        if (s.equals("iid")) {
            return iid(labels.length, clients, seed);
        }
        if (s.equals("niid")) {
            return strided(labels.length, clients);
        }
        if (s.equals("sorted")) {
            return sorted(labels, clients);
        }
        if (s.startsWith("dirichlet:")) {
            return dirichlet(labels, clients, dirichletAlpha(spec), seed);
        }
        throw unknown(spec);
    }

    /**
     * Checks the syntax of a split spec (full | iid | niid | sorted | dirichlet:A) without data.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static void validate(String spec) {
        String s = spec.trim();
        if (s.startsWith("dirichlet:")) {
            dirichletAlpha(spec);
        } else if (!s.equals("full") && !s.equals("iid") && !s.equals("niid") && !s.equals("sorted")) {
            throw unknown(spec);
        }
    }

    private static double dirichletAlpha(String spec) {
        double alpha;
        try {
            alpha = Double.parseDouble(spec.trim().substring("dirichlet:".length()));
        } catch (NumberFormatException e) {
            alpha = Double.NaN;
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("--split dirichlet:A needs a positive number A, got '" + spec + "'");
        }
        return alpha;
    }

    private static IllegalArgumentException unknown(String spec) {
        return new IllegalArgumentException("unknown split '" + spec + "' (expected full, iid, niid, sorted or dirichlet:A)");
    }

    /** Every client holds all rows. */
    public static Splits full(int rows, int clients) {
        int[] start = new int[clients];
        int[] count = new int[clients];
        Arrays.fill(count, rows);
        return new Splits(identity(rows), start, count, true);
    }

    /** A seeded shuffle dealt into n nearly equal shards (the first rows % n shards get one more). */
    public static Splits iid(int rows, int clients, long seed) {
        requireRows(rows, clients);
        int[] order = identity(rows);
        Seeds.stream(seed, 0, Seeds.SERVER, Purpose.SPLIT).shuffle(order);
        return deal(order, clients);
    }

    /**
     * The rows in the file's order, dealt round-robin: client c holds rows c, c + n, c + 2n, ... (no
     * shuffle; the authors' "niid" MNIST runs, whose shards follow the order of the file).
     */
    public static Splits strided(int rows, int clients) {
        requireRows(rows, clients);
        int[] order = new int[rows];
        int[] start = new int[clients];
        int[] count = new int[clients];
        int pos = 0;
        for (int c = 0; c < clients; c++) {
            start[c] = pos;
            for (int r = c; r < rows; r += clients) {
                order[pos++] = r;
            }
            count[c] = pos - start[c];
        }
        return new Splits(order, start, count, false);
    }

    /** Rows sorted by label (stable), dealt into contiguous shards: maximal label skew. */
    public static Splits sorted(double[] labels, int clients) {
        requireRows(labels.length, clients);
        Integer[] boxed = new Integer[labels.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(labels[a], labels[b]));
        return deal(Arrays.stream(boxed).mapToInt(Integer::intValue).toArray(), clients);
    }

    /**
     * Per label, the rows (shuffled) are shared among clients in proportions drawn from Dirichlet(α)
     * (Hsu, Qi, Brown 2019). A client left empty takes one row from the largest client.
     */
    public static Splits dirichlet(double[] labels, int clients, double alpha, long seed) {
        requireRows(labels.length, clients);
        SplitMix64 rng = Seeds.stream(seed, 0, Seeds.SERVER, Purpose.SPLIT);
        double[] classes = Arrays.stream(labels).distinct().sorted().toArray();
        List<List<Integer>> owned = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            owned.add(new ArrayList<>());
        }
        for (double cls : classes) {
            int[] rowsOf = java.util.stream.IntStream.range(0, labels.length).filter(r -> labels[r] == cls).toArray();
            rng.shuffle(rowsOf);
            double[] p = new double[clients];
            double total = 0;
            for (int c = 0; c < clients; c++) {
                p[c] = rng.nextGamma(alpha);
                total += p[c];
            }
            int assigned = 0;
            double cumulative = 0;
            for (int c = 0; c < clients; c++) {
                cumulative += p[c] / total;
                int end = c == clients - 1 ? rowsOf.length : (int) Math.min(rowsOf.length, Math.round(cumulative * rowsOf.length));
                for (int r = assigned; r < end; r++) {
                    owned.get(c).add(rowsOf[r]);
                }
                assigned = Math.max(assigned, end);
            }
        }
        for (int c = 0; c < clients; c++) {
            if (owned.get(c).isEmpty()) {
                int largest = 0;
                for (int k = 1; k < clients; k++) {
                    if (owned.get(k).size() > owned.get(largest).size()) {
                        largest = k;
                    }
                }
                List<Integer> from = owned.get(largest);
                owned.get(c).add(from.remove(from.size() - 1));
            }
        }
        int[] order = new int[labels.length];
        int[] start = new int[clients];
        int[] count = new int[clients];
        int pos = 0;
        for (int c = 0; c < clients; c++) {
            start[c] = pos;
            count[c] = owned.get(c).size();
            for (int r : owned.get(c)) {
                order[pos++] = r;
            }
        }
        return new Splits(order, start, count, false);
    }

    private static Splits deal(int[] order, int clients) {
        int[] start = new int[clients];
        int[] count = new int[clients];
        int base = order.length / clients;
        int extra = order.length % clients;
        int pos = 0;
        for (int c = 0; c < clients; c++) {
            start[c] = pos;
            count[c] = base + (c < extra ? 1 : 0);
            pos += count[c];
        }
        return new Splits(order, start, count, false);
    }

    private static void requireRows(int rows, int clients) {
        if (rows < clients) {
            throw new IllegalArgumentException("cannot split " + rows + " rows among " + clients
                    + " clients (every client needs at least one sample)");
        }
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
