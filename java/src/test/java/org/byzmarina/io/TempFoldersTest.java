package org.byzmarina.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9: a run's temporary folder honours the umask and the leftovers of killed runs are removed. */
class TempFoldersTest {
    @TempDir
    Path dir;

    static String host() throws Exception {
        return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    }

    @Test
    void leftoversOfDeadProcessesOfThisHostAreRemovedOthersKept() throws Exception {
        Path out = dir.resolve("out");
        // PID 999999999 is above Linux's maximum (4194304): never a live process.
        Path dead = Files.createDirectories(dir.resolve(".out.tmp-" + host() + "-999999999-abc123"));
        Files.writeString(dead.resolve("metrics.csv"), "half");
        Path oldFormat = Files.createDirectories(dir.resolve(".out.tmp-8161872361"));
        Path live = Files.createDirectories(dir.resolve(".out.tmp-" + host() + "-" + ProcessHandle.current().pid() + "-xyz"));
        Path otherHost = Files.createDirectories(dir.resolve(".out.tmp-another-host-1-abc"));
        Path otherOut = Files.createDirectories(dir.resolve(".out2.tmp-" + host() + "-999999999-abc"));
        TempFolders.removeStale(out);
        Path tmp = TempFolders.create(out);
        assertFalse(Files.exists(dead), "a killed run's folder is removed");
        assertFalse(Files.exists(oldFormat), "an older version's leftover is removed");
        assertTrue(Files.exists(live), "a folder of a live process is kept");
        assertTrue(Files.exists(otherHost), "another host's folder is kept");
        assertTrue(Files.exists(otherOut), "another --out's folder is kept");
        assertTrue(tmp.getFileName().toString().startsWith(".out.tmp-" + host() + "-" + ProcessHandle.current().pid() + "-"), tmp.toString());
        assertEquals(Umask.octal(0777 & ~Umask.current()), Umask.octal(Umask.mode(tmp)));
        TempFolders.commit(tmp, out);
        assertTrue(Files.isDirectory(out));
        assertFalse(Files.exists(tmp));
    }

    @Test
    void aDiscardedFolderIsGone() throws Exception {
        Path tmp = TempFolders.create(dir.resolve("run"));
        Files.writeString(tmp.resolve("metrics.csv"), "x");
        TempFolders.discard(tmp);
        assertFalse(Files.exists(tmp));
    }
}
