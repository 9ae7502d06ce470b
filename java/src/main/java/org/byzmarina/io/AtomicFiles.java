package org.byzmarina.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old content or the complete new content, never a
 * half-written file: write a temporary file in the same directory, force it to disk, rename it.
 * Temporary files and folders are created like ordinary ones, so the umask sets their permissions
 * (with umask 022: files 0644, folders 0755), unlike {@code Files.createTemp*} (0600 and 0700).
 */
public final class AtomicFiles {
    /** Writes the whole content to the given stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes target atomically. Its folder must exist; an existing target must be a regular file.
     *
     * @throws IOException naming target and the reason (e.g. "cannot write out.npy: No space left on device")
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        requireFolder(target, dir);
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new IOException("cannot write " + target + ": it exists and is not a regular file");
        }
        Path tmp;
        try {
            tmp = create(dir, "." + target.getFileName() + ".", ".tmp", false);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Refuses to write into a folder that does not exist (a mistyped path), naming both. */
    public static void requireFolder(Path target, Path dir) throws IOException {
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": " + (Files.exists(dir) ? dir + " is not a folder"
                    : "the folder " + dir + " does not exist"));
        }
    }

    /** A new, empty folder {@code dir/prefix<random>}, with the permissions the umask gives a new folder. */
    public static Path createTempDirectory(Path dir, String prefix) throws IOException {
        return create(dir, prefix, "", true);
    }

    private static Path create(Path dir, String prefix, String suffix, boolean folder) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + suffix);
            try {
                if (folder) {
                    return Files.createDirectory(p);
                }
                Files.newByteChannel(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return p;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** "cannot write TARGET: REASON", with the operating system's reason and not the temporary file's name. */
    public static IOException cannotWrite(Path target, IOException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("cannot write ")) {
            return e;
        }
        return new IOException("cannot write " + target + ": " + reason(e), e);
    }

    /** The reason of an I/O error without the path it happened on ("No space left on device"). */
    public static String reason(IOException e) {
        String r = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
        if (r == null || r.isBlank()) {
            r = e instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof FileAlreadyExistsException ? "it already exists" : e.getClass().getSimpleName();
        }
        return r;
    }

    /** Deletes a folder and everything in it (nothing if it does not exist). */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
