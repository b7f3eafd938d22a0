package io.keras4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keras4j inspect} on every file of {@code testdata/hostile}: exit code 1 (a model that cannot run) within
 * seconds, one line of explanation naming the file, and no file written anywhere (the hostile archives try to write
 * {@code escaped-by-keras4j.txt} outside their folder).
 */
class HostileFilesCliTest {
    private static final Path HOSTILE = Path.of(System.getProperty("keras4j.testdata", "../testdata")).resolve("hostile");
    private static final String ESCAPED = "escaped-by-keras4j.txt";
    private static final long SECONDS = 30;

    private static List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(HOSTILE)) {
            return list.filter(p -> !Set.of("README.md", "expected.tsv").contains(p.getFileName().toString()))
                    .sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> inspectRefusesEachInOneLine() throws IOException {
        Set<Path> before = listing(HOSTILE);
        return Stream.concat(files().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            long start = System.nanoTime();
            String[] r = CliTest.run("inspect", "--import-timeout", "10", f.toString());
            double seconds = (System.nanoTime() - start) / 1e9;
            String printed = (r[1] + r[2]).strip();
            assertEquals("1", r[0], printed);
            assertEquals(1, printed.lines().count(), printed);
            assertTrue(printed.contains(f.toString()), printed);
            assertTrue(seconds < SECONDS, "took " + seconds + " s");
        })), Stream.of(DynamicTest.dynamicTest("nothing written", () -> {
            assertEquals(before, listing(HOSTILE));
            for (Path p : List.of(HOSTILE.getParent(), HOSTILE.getParent().getParent(), Path.of("/tmp"), Path.of(""))) {
                assertFalse(Files.exists(p.resolve(ESCAPED)), p.resolve(ESCAPED) + " was written");
            }
        })));
    }

    /** As a user runs it: its own JVM, in an empty working folder, which stays empty. */
    @Test
    void aCrashingFileEndsTheCommandWithOneLine(@TempDir Path work) throws Exception {
        Path crash = HOSTILE.resolve("native-crash-global-heap.h5").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "inspect", crash.toString()));
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(SECONDS, TimeUnit.SECONDS), "no exit within " + SECONDS + " s");
        assertNotEquals(0, p.exitValue(), printed);
        assertEquals(1, printed.lines().count(), printed);
        assertTrue(printed.contains("crashed native code (SIGSEGV in H5HG_read"), printed);
        assertEquals(Set.of(), listing(work));
    }

    private static Set<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toSet());
        }
    }
}
