package org.byzmarina.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The release version, from the build (resource filtered by Maven). */
final class Version {
    static final String VERSION = load();

    private Version() {
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/org/byzmarina/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
