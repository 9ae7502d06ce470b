package org.byzmarina.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the test data (the LIBSVM files a9a, a9a.t, w8a and the MNIST folder mnist/) is: $BYZMARINA_DATA, else the data folder that the
 * development machines keep beside the repository. Tests that need them are skipped, with a
 * message, where they are absent (as in a user's clone).
 */
public final class TestData {
    private TestData() {
    }

    public static Path dir() {
        String env = System.getenv("BYZMARINA_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        // Tests run with the java/ module as working directory.
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolveSibling("shared").resolve("data");
    }

    /**
     * The MNIST folder ($BYZMARINA_DATA/mnist, the four IDX files, plain or gzipped), or the test is
     * skipped with a message naming where it was looked for.
     */
    public static Path mnist() {
        Path dir = dir().resolve("mnist");
        boolean present = Files.isReadable(dir.resolve("train-images-idx3-ubyte.gz")) || Files.isReadable(dir.resolve("train-images-idx3-ubyte"));
        Assumptions.assumeTrue(present, "skipped: MNIST not found in " + dir + " (set BYZMARINA_DATA to a folder whose mnist/ "
                + "holds train-images-idx3-ubyte[.gz] and its three siblings)");
        return dir;
    }

    /** The file, or the test is skipped with a message naming where it was looked for. */
    public static Path require(String name) {
        Path p = dir().resolve(name);
        Assumptions.assumeTrue(Files.isReadable(p), "skipped: data file " + p + " not found (set BYZMARINA_DATA to the folder holding a9a, a9a.t, w8a)");
        return p;
    }
}
