package io.keras4j.importer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Session;
import io.keras4j.runtime.Tensor;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden model, called again and again through one session's {@code runInto} with inputs of one shape, allocates
 * at most 64 bytes per call once the JIT has compiled its kernels (the Vector API allocates until then).
 */
class SteadyStateAllocationTest {
    private static final long MOST_BYTES = 64;
    /** How long a case may take to reach its steady state before its allocation counts. */
    private static final long PATIENCE_NANOS = 5_000_000_000L;

    static List<Path> cases() {
        return TestData.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runIntoAllocatesNothingInSteadyState(Path dir) throws Exception {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx
                && mx.isThreadAllocatedMemorySupported(), "this JVM does not count a thread's allocation");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        CaseFolder c = CaseFolder.open(dir);
        Model model = ModelImporter.load(c.model());
        Tensor[] x = c.inputs().toArray(new Tensor[0]);
        try (Session session = model.newSession(1)) {
            Tensor[] first = session.runAll(x);
            float[][] out = new float[first.length][];
            for (int i = 0; i < out.length; i++) {
                out[i] = new float[first[i].size()];
            }
            long least = Long.MAX_VALUE;
            long deadline = System.nanoTime() + PATIENCE_NANOS;
            while (least > MOST_BYTES && System.nanoTime() < deadline) {
                long before = mx.getCurrentThreadAllocatedBytes();
                session.runInto(out, x);
                least = Math.min(least, mx.getCurrentThreadAllocatedBytes() - before);
            }
            assertTrue(least <= MOST_BYTES, dir.getFileName() + ": runInto allocated " + least + " bytes in each of its"
                    + " calls for " + PATIENCE_NANOS / 1_000_000_000 + " s");
        }
    }
}
