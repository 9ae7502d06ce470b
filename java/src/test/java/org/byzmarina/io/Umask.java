package org.byzmarina.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** The umask this JVM runs under (from a child shell, which inherits it) and the modes it gives new files. */
public final class Umask {
    private Umask() {
    }

    public static int current() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "umask").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        p.waitFor();
        return Integer.parseInt(out, 8);
    }

    /** The permissions of a path as an octal mode, e.g. 0644. */
    public static int mode(Path p) throws IOException {
        int mode = 0;
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        for (PosixFilePermission perm : PosixFilePermission.values()) {
            if (perms.contains(perm)) {
                mode |= 1 << (8 - perm.ordinal());
            }
        }
        return mode;
    }

    public static String octal(int mode) {
        return String.format("0%03o", mode) + " (" + PosixFilePermissions.toString(fromMode(mode)) + ")";
    }

    private static Set<PosixFilePermission> fromMode(int mode) {
        Set<PosixFilePermission> s = java.util.EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission perm : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - perm.ordinal()))) != 0) {
                s.add(perm);
            }
        }
        return s;
    }
}
