package org.byzmarina.io;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The temporary folders that results are written into before a rename makes them final, so that a
 * folder {@code OUT} that exists is complete (a run's output folder).
 * <ul>
 *   <li>Named {@code .OUT.tmp-HOST-PID-RANDOM} beside OUT and created with the umask's permissions.</li>
 *   <li>A JVM stopped by SIGTERM or SIGINT (exit code 143 or 130) deletes its temporary folders in a
 *       shutdown hook; the hook and {@link #commit} exclude each other, so a stop leaves either the
 *       complete OUT or nothing.</li>
 *   <li>A killed JVM (SIGKILL) cannot clean up: {@link #removeStale} (the next {@code run} of the same
 *       OUT calls it) removes the temporary folders whose process is gone (same host, PID not running).
 *       A sweep removes the leftovers in its folder once, when it starts.</li>
 * </ul>
 */
public final class TempFolders {
    private static final Logger LOG = Logger.getLogger(TempFolders.class.getName());
    private static final Object LOCK = new Object();
    private static final Set<Path> LIVE = new LinkedHashSet<>();
    private static final String HOST = host();
    private static final long PID = ProcessHandle.current().pid();
    private static boolean hookInstalled;
    private static boolean stopping;

    private TempFolders() {
    }

    /** A new temporary folder beside {@code out}, deleted if the JVM is stopped before {@link #commit}. */
    public static Path create(Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        synchronized (LOCK) {
            if (stopping) {
                throw new IOException("cannot write " + out + ": the process is being stopped");
            }
            if (!hookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(TempFolders::stop, "byzmarina-cleanup"));
                hookInstalled = true;
            }
            Path tmp;
            try {
                tmp = AtomicFiles.createTempDirectory(dir, prefix(out) + HOST + "-" + PID + "-");
            } catch (IOException e) {
                throw AtomicFiles.cannotWrite(out, e);
            }
            LIVE.add(tmp);
            return tmp;
        }
    }

    /**
     * Renames tmp to out (an empty folder out is replaced), unless the process is being stopped.
     *
     * @throws IOException if the process is being stopped (tmp is then deleted by the shutdown hook)
     */
    public static void commit(Path tmp, Path out) throws IOException {
        synchronized (LOCK) {
            if (stopping) {
                throw new IOException("cannot write " + out + ": the process is being stopped");
            }
            if (Files.isDirectory(out)) {
                Files.delete(out); // empty: callers check before they start
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            LIVE.remove(tmp);
        }
    }

    /** Deletes a temporary folder that will not be committed (a failed run). */
    public static void discard(Path tmp) {
        synchronized (LOCK) {
            LIVE.remove(tmp);
        }
        delete(tmp);
    }

    private static void stop() {
        synchronized (LOCK) {
            stopping = true;
            for (Path tmp : LIVE) {
                delete(tmp);
            }
            LIVE.clear();
        }
    }

    private static void delete(Path tmp) {
        // Another thread may still be creating files in it: retry a few times.
        for (int attempt = 0; ; attempt++) {
            try {
                AtomicFiles.deleteTree(tmp);
                return;
            } catch (DirectoryNotEmptyException e) {
                if (attempt >= 20) {
                    LOG.warning("could not remove the temporary folder " + tmp + ": it keeps filling");
                    return;
                }
            } catch (IOException | RuntimeException e) {
                LOG.warning("could not remove the temporary folder " + tmp + ": " + e.getMessage());
                return;
            }
        }
    }

    private static String prefix(Path out) {
        return "." + out.getFileName() + ".tmp-";
    }

    /**
     * Deletes the {@code .OUT.tmp-*} folders of processes of this host that are gone (and those in the
     * format of versions before the PID was in the name). Lists out's folder: call it once per run, not
     * per run of a sweep.
     */
    public static void removeStale(Path out) {
        Path dir = out.toAbsolutePath().getParent();
        String prefix = prefix(out);
        Pattern mine = Pattern.compile(Pattern.quote(prefix) + "(.+)-(\\d+)-[0-9a-z]+");
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (!name.startsWith(prefix) || !Files.isDirectory(p)) {
                    continue;
                }
                Matcher m = mine.matcher(name);
                boolean stale;
                if (m.matches()) {
                    long pid = Long.parseLong(m.group(2));
                    stale = m.group(1).equals(HOST) && pid != PID
                            && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                } else {
                    stale = true; // .OUT.tmp-<digits> of versions before the PID was in the name
                }
                if (stale) {
                    LOG.info(() -> "removing the leftovers of an interrupted run: " + p);
                    delete(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "could not look for leftovers beside " + out + ": " + e);
        }
    }

    private static String host() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        String h = System.getenv("HOSTNAME");
        return h == null || h.isBlank() ? "localhost" : h.trim();
    }
}
