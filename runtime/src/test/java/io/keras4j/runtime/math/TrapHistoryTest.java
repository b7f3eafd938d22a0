package io.keras4j.runtime.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels allocate nothing once compiled, even in a JVM whose Vector API code has class-check traps on
 * record ({@link TrapHistoryCheck}, in a JVM of its own, since it depends on what C2 has seen before it compiles).
 * Judged only where the check's control, the old activation, does box after those traps (JDK 17 and 25 here).
 */
class TrapHistoryTest {
    @Test
    void kernelsStayAllocationFreeAfterClassCheckTraps() throws IOException, InterruptedException {
        assumeTrue(Kernels.get().name().startsWith("vector"), "needs the Vector API kernels");
        Path log = Files.createTempFile("keras4j-trap-history", ".txt");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // Compiling in the foreground makes the traps land where the check puts them, on a loaded machine too.
        Process child = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector", "-Xmx256m",
                "-XX:-BackgroundCompilation", "-cp", System.getProperty("java.class.path"), TrapHistoryCheck.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            boolean done = child.waitFor(4, TimeUnit.MINUTES);
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(done, "no answer in 4 minutes:\n" + out);
            assertEquals(0, child.exitValue(), out);
            assertTrue(out.contains("kernels vector"), out);
            Map<String, Double> bytes = out.lines().filter(l -> l.contains(" bytes per call after "))
                    .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(": ")),
                            l -> Double.parseDouble(l.substring(l.indexOf(": ") + 2, l.indexOf(" bytes")))));
            assertEquals(6, bytes.size(), out);
            assumeTrue(bytes.remove("control") > 0, "the old activation did not box after the traps in this JVM:\n" + out);
            bytes.forEach((kernel, perCall) -> assertEquals(0.0, perCall, kernel + "\n" + out));
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
