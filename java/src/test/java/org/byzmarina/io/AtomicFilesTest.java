package org.byzmarina.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9: atomic writes honour the umask, refuse missing folders and non-files, and name the path on errors. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void filesAndFoldersGetTheUmasksPermissionsNotTempFileDefaults() throws Exception {
        int umask = Umask.current();
        Path file = dir.resolve("out.bin");
        AtomicFiles.write(file, o -> o.write(1));
        assertEquals(Umask.octal(0666 & ~umask), Umask.octal(Umask.mode(file)), "a file as the umask " + Umask.octal(umask) + " gives");
        Path folder = AtomicFiles.createTempDirectory(dir, ".x.tmp-");
        assertEquals(Umask.octal(0777 & ~umask), Umask.octal(Umask.mode(folder)), "a folder as the umask gives");
    }

    @Test
    void aMissingFolderIsAnErrorNotCreated() {
        Path target = dir.resolve("no/such/out.npy");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, o -> o.write(1)));
        assertEquals("cannot write " + target + ": the folder " + dir.resolve("no/such") + " does not exist", e.getMessage());
        assertFalse(Files.exists(dir.resolve("no")));
    }

    @Test
    void aFolderInThePathThatIsAFileIsNamed() throws Exception {
        Files.writeString(dir.resolve("plain"), "x");
        Path target = dir.resolve("plain/out.npy");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, o -> o.write(1)));
        assertTrue(e.getMessage().startsWith("cannot write " + target + ": ") && e.getMessage().contains("is not a folder"), e.getMessage());
    }

    @Test
    void aTargetThatIsNotARegularFileIsNeverReplaced() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(dir.resolve("sub"), o -> o.write(1)));
        assertTrue(e.getMessage().endsWith("it exists and is not a regular file"), e.getMessage());
        // /dev/full (a device: writing it atomically would replace the device node, as root)
        Path full = Path.of("/dev/full");
        if (Files.exists(full)) {
            IOException d = assertThrows(IOException.class, () -> AtomicFiles.write(full, o -> o.write(1)));
            assertTrue(d.getMessage().contains("not a regular file"), d.getMessage());
            assertFalse(Files.isRegularFile(full));
        }
    }

    @Test
    void aFailedWriteLeavesNoFileAndNamesTheTarget() throws Exception {
        Path target = dir.resolve("out.bin");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, o -> {
            o.write(1);
            throw new IOException("No space left on device");
        }));
        assertEquals("cannot write " + target + ": No space left on device", e.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> left = s.collect(Collectors.toList());
            assertEquals(List.of(), left, "no partial output and no temporary file");
        }
    }
}
