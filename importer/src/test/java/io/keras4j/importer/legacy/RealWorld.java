package io.keras4j.importer.legacy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keras4j.importer.hdf5.Dataset;
import io.keras4j.importer.hdf5.Hdf5File;
import io.keras4j.runtime.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the real-world corpus (files written by Keras 1, 2 and tf.keras, not by this project) in
 * {@code ../shared/realworld} of the repository, or where system property {@code keras4j.realworld} says. The files
 * are read where they are, never copied into the project. Tests skip, saying where they looked, when it is absent.
 */
final class RealWorld {
    private RealWorld() {
    }

    /** The corpus root; skips the calling test when it is absent. */
    static Path root() {
        String p = System.getProperty("keras4j.realworld");
        Path root = (p != null ? Path.of(p) : Path.of("..", "..", "shared", "realworld")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(root), "real-world corpus not found at " + root
                + " (set -Dkeras4j.realworld=DIR): real-world tests skipped");
        return root;
    }

    /** Every regular file under the root whose name ends with {@code suffix}, sorted. */
    static List<Path> files(Path root, String suffix) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A dataset of an HDF5 file as a tensor. */
    static Tensor tensor(Hdf5File file, String path) throws IOException {
        Dataset d = file.dataset(path);
        int[] shape = new int[d.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Math.toIntExact(d.shape()[i]);
        }
        return Tensor.of(d.readFloats(), shape);
    }

    /** The path of a file relative to the corpus root, without the repositories' {@code src/main/resources/}. */
    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace("src/main/resources/", "");
    }
}
