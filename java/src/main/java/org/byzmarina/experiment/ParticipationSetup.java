package org.byzmarina.experiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.byzmarina.io.InputException;
import org.byzmarina.io.UserText;
import org.byzmarina.protocol.Participation;

/**
 * Builds a run's {@link Participation} from its settings, reading the trace (round,client lines) and
 * weight (client,weight lines) files. A first line that is not numeric is a header; blank lines and
 * lines starting with # are skipped; anything else malformed is an error naming the file and line.
 */
final class ParticipationSetup {
    private static final Logger LOG = Logger.getLogger(ParticipationSetup.class.getName());

    private ParticipationSetup() {
    }

    static Participation build(RunConfig c, int clients, int byzantine) {
        Participation.Availability a = c.values().get(Participation.AVAILABILITY);
        boolean byzAlways = c.values().get(Participation.BYZANTINE_AVAILABILITY).equals("always");
        String weightsFile = Participation.weightsFile(c.values().get(Participation.SAMPLING));
        double[] weights = weightsFile == null ? null : weights(Path.of(weightsFile), clients);
        Participation.Trace trace = a.kind() == Participation.Kind.TRACE ? trace(Path.of(a.file()), clients) : null;
        return new Participation(clients, byzantine, c.protocol().seed(), a, byzAlways, weights, trace);
    }

    private static double[] weights(Path file, int clients) {
        double[] w = new double[clients];
        boolean[] seen = new boolean[clients];
        int listed = 0;
        for (Line l : lines(file, "client,weight")) {
            long client = integer(l, 0, file);
            if (client < 0 || client >= clients) {
                throw error(file, l.number, "client " + client + " is not in [0, n) = [0, " + clients + ")");
            }
            double v;
            try {
                v = Double.parseDouble(l.cells[1]);
            } catch (NumberFormatException e) {
                throw error(file, l.number, "weight " + UserText.quote(l.cells[1]) + " is not a number");
            }
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw error(file, l.number, "weight " + UserText.quote(l.cells[1]) + " must be a finite number >= 0");
            }
            if (seen[(int) client]) {
                throw error(file, l.number, "client " + client + " is listed twice");
            }
            seen[(int) client] = true;
            w[(int) client] = v;
            listed++;
        }
        double max = 0;
        for (double v : w) {
            max = Math.max(max, v);
        }
        if (max == 0) {
            throw new InputException(file + ": no client has a positive weight");
        }
        int unlisted = clients - listed;
        if (unlisted > 0) {
            LOG.info(file + ": " + unlisted + " of " + clients + " clients are not listed and weigh 0 (never sampled)");
        }
        return w;
    }

    private static Participation.Trace trace(Path file, int clients) {
        TreeMap<Long, List<Integer>> byRound = new TreeMap<>();
        for (Line l : lines(file, "round,client")) {
            long round = integer(l, 0, file);
            long client = integer(l, 1, file);
            if (round < 0 || round >= Integer.MAX_VALUE) {
                throw error(file, l.number, "round " + round + " must be in [0, 2^31 - 1)");
            }
            if (client < 0 || client >= clients) {
                throw error(file, l.number, "client " + client + " is not in [0, n) = [0, " + clients + ")");
            }
            byRound.computeIfAbsent(round, r -> new ArrayList<>()).add((int) client);
        }
        if (byRound.isEmpty()) {
            throw new InputException(file + ": the trace lists nobody (expected round,client lines)");
        }
        int length = (int) (byRound.lastKey() + 1);
        int[][] rounds = new int[length][];
        Arrays.fill(rounds, new int[0]);
        byRound.forEach((round, ids) -> {
            int[] a = ids.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
            rounds[(int) (long) round] = a;
        });
        LOG.info(file + ": a trace of " + length + " rounds (it repeats in longer runs)");
        return new Participation.Trace(rounds);
    }

    private record Line(int number, String[] cells) {
    }

    private static List<Line> lines(Path file, String expected) {
        List<Line> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String s;
            int number = 0;
            boolean first = true;
            while ((s = r.readLine()) != null) {
                number++;
                String t = s.trim();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] cells = t.split(",", -1);
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                if (cells.length != 2) {
                    throw error(file, number, "expected " + expected + ", got " + UserText.quote(t));
                }
                boolean header = first && !looksNumeric(cells[0]);
                first = false;
                if (header) {
                    continue; // the first line may name the columns
                }
                out.add(new Line(number, cells));
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InputException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return out;
    }

    private static boolean looksNumeric(String s) {
        return !s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-' || s.charAt(0) == '+');
    }

    private static long integer(Line l, int cell, Path file) {
        try {
            return Long.parseLong(l.cells[cell]);
        } catch (NumberFormatException e) {
            throw error(file, l.number, UserText.quote(l.cells[cell]) + " is not an integer");
        }
    }

    private static InputException error(Path file, int line, String what) {
        return new InputException(file + ":" + line + ": " + what);
    }
}
