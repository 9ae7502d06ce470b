package org.byzmarina.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.byzmarina.cli.Main;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.junit.jupiter.api.Test;

/** The registry is consistent, and everything derived from it (list, docs/components.md, help) shows every component. */
class RegistryTest {
    static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void namesAreUniquePerKindAndEveryComponentIsDocumented() {
        Set<String> seen = new HashSet<>();
        for (Component<?, ?> c : Registry.components()) {
            assertTrue(seen.add(c.kind() + "/" + c.name()), "duplicate " + c.kind() + " " + c.name());
            assertFalse(c.summary().isBlank(), c.name() + " has no summary");
            assertTrue(c.name().matches("[a-z][a-z0-9-]*"), c.name());
            for (Setting<?> s : c.settings()) {
                assertFalse(s.doc().isBlank(), c.name() + ": --" + s.key() + " has no doc");
            }
        }
        for (Setting<?> s : Registry.settings()) {
            assertNotNull(Registry.setting(s.key()));
            assertFalse(s.doc().isBlank(), "--" + s.key() + " has no doc");
        }
    }

    /** `list`, `run --help` and docs/components.md name every component; the committed file is up to date. */
    @Test
    void listHelpAndTheDocsNameEveryComponent() throws Exception {
        String list = cli("list");
        String help = cli("run", "--help");
        String markdown = cli("list", "--markdown");
        for (Component<?, ?> c : Registry.components()) {
            assertTrue(list.contains(" " + c.name() + " "), "list lacks " + c.name());
            assertTrue(help.contains(" " + c.name() + " "), "run --help lacks " + c.name());
            assertTrue(markdown.contains("| `" + c.name() + "` |"), "markdown lacks " + c.name());
        }
        for (Setting<?> s : Registry.settings()) {
            assertTrue(help.contains(s.flag()), "run --help lacks " + s.flag());
        }
        Path docs = Path.of(System.getProperty("user.dir")).getParent().resolve("docs").resolve("components.md");
        assertEquals(markdown, Files.readString(docs), "docs/components.md is stale: regenerate it with `list --markdown`");
    }

    @Test
    void everyKindHasComponentsAndSelectorsDefaultToOne() {
        for (Kind kind : Kind.values()) {
            assertTrue(Registry.components().stream().anyMatch(c -> c.kind() == kind), kind.label);
        }
        assertEquals("marina-pp", Registry.find(Registry.METHODS, Registry.METHOD.defaultValue()).name());
        assertEquals("cm", Registry.find(Registry.AGGREGATORS, Registry.AGGREGATOR.defaultValue()).name());
        assertEquals("shb", Registry.find(Registry.ATTACKS, Registry.ATTACK.defaultValue()).name());
        assertEquals("none", Registry.find(Registry.COMPRESSORS, Registry.COMPRESSOR.defaultValue()).name());
        assertEquals("synthetic", Registry.problem(Registry.DATASET.defaultValue()).name());
        assertEquals("libsvm", Registry.problem("/data/a9a").name());
    }

    /** This module's jar has no component providers: its registry is its own (the nn module adds problems). */
    @Test
    void withoutProvidersTheRegistryIsThisModules() {
        assertTrue(ComponentProvider.installed().isEmpty());
        assertEquals(3, Registry.PROBLEMS.size());
        assertEquals("libsvm", Registry.problem("/data/mnist", org.byzmarina.config.Values.none()).name());
    }
}
