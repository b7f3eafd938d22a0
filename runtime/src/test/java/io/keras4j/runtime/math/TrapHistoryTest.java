package io.keras4j.runtime.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels allocate nothing once compiled, even in a JVM whose Vector API code has class-check traps on
 * record ({@link TrapHistoryCheck}, in a JVM of its own, since it depends on what C2 has seen before it compiles).
 */
class TrapHistoryTest {
    @Test
    void kernelsStayAllocationFreeAfterClassCheckTraps() throws IOException, InterruptedException {
        assumeTrue(Kernels.get().name().startsWith("vector"), "needs the Vector API kernels");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), TrapHistoryCheck.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(3, TimeUnit.MINUTES), out);
        assertEquals(0, child.exitValue(), out);
        List<String> kernels = out.lines().filter(l -> l.matches("(lstm|gru|gemm) .*: .*")).toList();
        assertEquals(4, kernels.size(), out);
        for (String line : kernels) {
            assertEquals(0.0, Double.parseDouble(line.substring(line.indexOf(": ") + 2)), line + "\n" + out);
        }
    }
}
