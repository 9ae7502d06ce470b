package org.byzmarina.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

/** Where a result came from: byzmarina's version and commit, the JVM, and data file hashes. */
public final class Provenance {
    private Provenance() {
    }

    public static String version() {
        return resource("/org/byzmarina/version.properties", true);
    }

    /** The commit the jar was built from (git describe --dirty), or "unknown". */
    public static String commit() {
        return resource("/org/byzmarina/git-commit.txt", false);
    }

    public static String jvm() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    /** The file's SHA-256 in hex (native when the engine is loaded; see kernels.Sha256). */
    public static String sha256(Path file) throws IOException {
        return org.byzmarina.kernels.Sha256.of(file);
    }

    private static String resource(String name, boolean properties) {
        try (InputStream in = Provenance.class.getResourceAsStream(name)) {
            if (in == null) {
                return "unknown";
            }
            if (properties) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? "unknown" : s;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
