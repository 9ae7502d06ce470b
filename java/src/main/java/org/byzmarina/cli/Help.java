package org.byzmarina.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.registry.Registry;

/** `run --help`, made from the registry: every setting by group with its default, every component with its options. */
final class Help {
    private Help() {
    }

    static String run() {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: java -jar byzmarina.jar run [options]\n")
                .append("  One simulation. Every setting has a default (the paper's setting on a built-in synthetic problem);\n")
                .append("  every setting is also a key of a --config JSON file (flags given on the command line win).\n\n")
                .append(line("--config FILE", "JSON file of run settings", null))
                .append(line("--out DIR", "output folder", "runs/run-<time>"))
                .append(line("--help", "this help", null));
        Set<String> componentKeys = new LinkedHashSet<>();
        for (Component<?, ?> c : Registry.components()) {
            for (Setting<?> s : c.settings()) {
                componentKeys.add(s.key());
            }
        }
        for (Group g : Group.values()) {
            sb.append('\n').append(Character.toUpperCase(g.label.charAt(0))).append(g.label.substring(1)).append(":\n");
            for (Setting<?> s : Registry.settings()) {
                if (s.group() == g && !componentKeys.contains(s.key())) {
                    sb.append(setting(s, s.defaultText()));
                }
            }
            for (Kind kind : Kind.values()) {
                if (kind.group == g) {
                    components(sb, kind);
                }
            }
        }
        return sb.toString();
    }

    private static void components(StringBuilder sb, Kind kind) {
        List<Component<?, ?>> list = new ArrayList<>();
        for (Component<?, ?> c : Registry.components()) {
            if (c.kind() == kind) {
                list.add(c);
            }
        }
        sb.append("  ").append(kind.selector != null ? "--" + kind.selector + " " + names(list) : kind.label + "s").append(":\n");
        for (Component<?, ?> c : list) {
            sb.append(String.format("    %-16s %s%n", c.name(), c.summary()));
            for (Setting<?> s : c.settings()) {
                sb.append("    ").append(setting(s, c.defaultText(s)));
            }
        }
    }

    private static String names(List<Component<?, ?>> list) {
        List<String> names = new ArrayList<>();
        for (Component<?, ?> c : list) {
            names.add(c.name());
        }
        return String.join("|", names);
    }

    private static String setting(Setting<?> s, String dflt) {
        String flag = s.flag() + (s.isSwitch() ? "" : " VALUE");
        if (s.negatable()) {
            flag += ", --no-" + s.key();
        }
        return line(flag, s.doc(), dflt == null || dflt.isEmpty() ? null : dflt);
    }

    private static String line(String flag, String doc, String dflt) {
        return String.format("  %-28s %s%s%n", flag, doc, dflt == null ? "" : " (default " + dflt + ")");
    }
}
