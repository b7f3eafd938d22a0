package io.keras4j.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the golden cases under {@code testdata/cases}. */
public final class TestData {
    private TestData() {
    }

    /** The {@code testdata} folder of the repository. */
    public static Path root() {
        String p = System.getProperty("keras4j.testdata");
        Path root = p != null ? Path.of(p) : Path.of("..", "testdata");
        if (!Files.isDirectory(root.resolve("cases"))) {
            throw new IllegalStateException("golden testdata not found at " + root.toAbsolutePath());
        }
        return root;
    }

    /** Every case folder, sorted by name. */
    public static List<Path> cases() {
        try (Stream<Path> dirs = Files.list(root().resolve("cases"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One case folder by name. */
    public static Path caseDir(String name) {
        Path dir = root().resolve("cases").resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("missing golden case " + dir);
        }
        return dir;
    }
}
