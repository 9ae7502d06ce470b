package org.byzmarina.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.byzmarina.experiment.Experiment;
import org.byzmarina.experiment.RunConfig;

/**
 * {@code theory}: the constants of the paper's Thms 4.1 and 4.2 for a run's configuration (the same
 * flags as {@code run}): δ, p_G, P_{G_C^k}, the law of the Byzantines in a sample, ω, the smoothness
 * constants, A, the step, the clip multiplier and p. {@code --json} prints them as one object.
 */
@Parameters(commandDescription = "The theory's step, clip multiplier and constants for a run's settings (Thms 4.1/4.2)")
final class TheoryCommand extends SettingsCommand {
    @Parameter(names = "--config", description = "JSON file of run settings (flags win)")
    String config;
    @Parameter(names = "--json", description = "print one JSON object")
    boolean json;

    private RunConfig resolved;

    private RunConfig config() {
        if (resolved == null) {
            resolved = RunConfig.of(settings.values(), Path.of("theory"));
        }
        return resolved;
    }

    @Override
    boolean quiet() {
        return json || config().output().quiet();
    }

    @Override
    String usage() {
        return "Usage: java -jar byzmarina.jar theory [run's options] [--json]\n"
                + "  The constants of the paper's Thms 4.1 and 4.2 for the run these options describe: delta, p_G,\n"
                + "  P_{G_C^k}, the law of the Byzantines in a sample, omega, L, max L_i, max L_ij, A, the step\n"
                + "  gamma = 1/(L + sqrt A), the clip multiplier alpha and p. Takes every option of `run` (see\n"
                + "  `run --help`), among them --lipschitz-scale S, --agg-c, --agg-fa and --theorem.\n"
                + String.format("  %-28s %s%n", "--json", "print one JSON object")
                + String.format("  %-28s %s%n", "--config FILE", "JSON file of run settings (flags win)");
    }

    @Override
    int execute(PrintStream stdout, PrintStream stderr) {
        JsonNode t;
        try {
            t = Experiment.theory(config());
        } catch (IOException e) {
            throw ioError(e);
        }
        if (json) {
            printJson(stdout, t);
            return Main.OK;
        }
        stdout.print(text(t));
        return Main.OK;
    }

    /** The report as aligned lines. */
    static String text(JsonNode t) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "n = %d, B = %d, C = %d, big cohort = %d, p = %.6g%n", t.get("n").asInt(),
                t.get("B").asInt(), t.get("C").asInt(), t.get("big_cohort").asInt(), t.get("p").asDouble()));
        row(sb, "delta = B/n", t.get("delta").asDouble());
        sb.append(String.format(Locale.ROOT, "  %-38s %d%n", "t0 = ceil((1 - delta) C)", t.get("t0").asInt()));
        row(sb, "p_G", t.get("p_g").asDouble());
        row(sb, "P_{G_C^k}", t.get("P_g_sampled").asDouble());
        StringBuilder law = new StringBuilder();
        JsonNode byz = t.get("byzantines_in_sample");
        for (int j = 0; j < byz.size(); j++) {
            law.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%d: %.4f", j, byz.get(j).asDouble()));
        }
        sb.append(String.format(Locale.ROOT, "  %-38s %s%n", "P(j Byzantines in a sample of C)", law));
        row(sb, "P(Byzantine majority in a sample)", t.get("byzantine_majority").asDouble());
        if (t.has("byzantine_majority_available") && !t.get("byzantine_majority_available").isNull()) {
            row(sb, "  ... under " + t.get("availability").asText(), t.get("byzantine_majority_available").asDouble());
        }
        row(sb, "omega", t.get("omega").asDouble());
        row(sb, "D_Q", t.get("D_Q").asDouble());
        if (t.get("lipschitz_scale").asDouble() != 1) {
            row(sb, "lipschitz scale S (applied below)", t.get("lipschitz_scale").asDouble());
        }
        row(sb, "L", t.get("L").asDouble());
        row(sb, "max_i L_i", t.get("L_max_client").asDouble());
        row(sb, "max_ij L_ij", t.get("L_max_sample").asDouble());
        sb.append(String.format(Locale.ROOT, "  %-38s %s%n", "aggregator", t.get("assumptions").asText()));
        sb.append("Thm 4.1").append(t.get("theorem").asText().equals("4.1") ? " (used by --step/--clip theory)" : "").append(":\n");
        row(sb, "A", t.get("A").asDouble());
        row(sb, "step gamma = 1/(L + sqrt A)", t.get("step").asDouble());
        row(sb, "clip alpha = 2 max_i L_i", t.get("clip_alpha").asDouble());
        JsonNode t42 = t.get("thm42");
        sb.append("Thm 4.2 (bounded compressors)").append(t.get("theorem").asText().equals("4.2") ? " (used by --step/--clip theory)" : "")
                .append(":\n");
        row(sb, "A", t42.get("A").asDouble());
        row(sb, "step gamma = 1/(L + sqrt A)", t42.get("step").asDouble());
        row(sb, "clip alpha = D_Q max_ij L_ij", t42.get("clip_alpha").asDouble());
        row(sb, "recommended p = min(C/C^, b/m, K/d)", t.get("p_recommended").asDouble());
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, double v) {
        sb.append(String.format(Locale.ROOT, "  %-38s %.10g%n", name, v));
    }
}
