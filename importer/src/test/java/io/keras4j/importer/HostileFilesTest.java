package io.keras4j.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Every file of {@code testdata/hostile} is refused with one line naming it and, where {@code expected.tsv} says, the
 * problem: read with isolation (a child JVM for Keras files) and in this JVM (all but the native-* files, which crash
 * or hang HDF5).
 */
class HostileFilesTest {
    private static final ImportOptions ISOLATED = ImportOptions.isolated().withTimeout(Duration.ofSeconds(10));

    /** The hostile files, by path. */
    static List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(TestData.root().resolve("hostile"))) {
            return list.filter(p -> !Set.of("README.md", "expected.tsv").contains(p.getFileName().toString()))
                    .sorted().toList();
        }
    }

    /** A part of the expected message, by file name. */
    static Map<String, String> expected() throws IOException {
        return Files.readAllLines(TestData.root().resolve("hostile").resolve("expected.tsv"), StandardCharsets.UTF_8)
                .stream().filter(l -> !l.startsWith("#") && l.contains("\t"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('\t')), l -> l.substring(l.indexOf('\t') + 1)));
    }

    @TestFactory
    Stream<DynamicTest> refusedInAChildJvm() throws IOException {
        Map<String, String> expected = expected();
        return files().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                refused(f, expected, () -> ModelImporter.load(f, ISOLATED))));
    }

    @TestFactory
    Stream<DynamicTest> refusedInProcess() throws IOException {
        Map<String, String> expected = expected();
        return files().stream().filter(f -> !f.getFileName().toString().startsWith("native-"))
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                        refused(f, expected, () -> ModelImporter.load(f))));
    }

    @Test
    void everyHostileFileHasAnExpectation() throws IOException {
        assertEquals(files().stream().map(f -> f.getFileName().toString()).collect(Collectors.toSet()),
                expected().keySet());
    }

    @Test
    void inMemoryCopiesAreRefusedAlike() throws IOException {
        Path crash = TestData.root().resolve("hostile").resolve("native-crash-global-heap.h5");
        ModelImportException e = assertThrows(ModelImportException.class,
                () -> ModelImporter.load(Files.readAllBytes(crash), "crash.h5", ISOLATED));
        assertTrue(e.getMessage().startsWith("crash.h5: reading it crashed native code"), e.getMessage());
        Path bomb = TestData.root().resolve("hostile").resolve("zip-bomb-weights.keras");
        e = assertThrows(ModelImportException.class, () -> ModelImporter.load(Files.readAllBytes(bomb), "bomb.keras"));
        assertTrue(e.getMessage().startsWith("bomb.keras: archive entry model.weights.h5 inflates"), e.getMessage());
    }

    private static Executable refused(Path file, Map<String, String> expected, Executable load) {
        return () -> {
            IOException e = assertThrows(IOException.class, load);
            String m = e.getMessage();
            assertTrue(m.startsWith(file.toString()), m);
            assertFalse(m.contains("\n"), m);
            String part = expected.get(file.getFileName().toString());
            assertTrue(part == null || m.contains(part), "expected '" + part + "' in: " + m);
        };
    }
}
