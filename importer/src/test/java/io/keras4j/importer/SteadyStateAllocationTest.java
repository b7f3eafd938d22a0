package io.keras4j.importer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Session;
import io.keras4j.runtime.Tensor;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden model, called again and again through one session's {@code runInto} with inputs of one shape, allocates
 * at most 64 bytes in each of 8 calls in a row once the JIT has compiled its kernels (the Vector API allocates until
 * then).
 */
class SteadyStateAllocationTest {
    private static final long MOST_BYTES = 64;
    /** How many calls in a row must each allocate at most {@link #MOST_BYTES}. */
    private static final int QUIET_CALLS = 8;
    /**
     * How long a case may take to reach its steady state before its allocation counts: the Vector API allocates until C2
     * has compiled the kernels, which took over 5 s for one case on a machine at load average 10 (a case that settles
     * sooner does not wait).
     */
    private static final long PATIENCE_NANOS = 15_000_000_000L;

    /**
     * Cases whose shapes depend on values computed from the inputs (NonZero's count, Compress's by a run-time condition,
     * Pad by pads cast from an input, a Range up to an input's value), which a session works out on every call,
     * allocating for them, as the README says. (Control flow that runs at run time, If, Loop and Scan, keeps its graphs'
     * plans and buffers in the session, and the nodes after it that read only constants' values for their shapes keep
     * them while their input shapes stay the same, so those cases are checked too.)
     */
    private static final Set<String> SHAPES_FROM_VALUES = Set.of("onnx_torch_masked_select_nonzero_op17",
            "onnx_compress_op11", "onnx_pad_run_time_pads_op18", "onnx_loop_run_time_trips_calls_op17");

    static List<Path> cases() {
        return TestData.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runIntoAllocatesNothingInSteadyState(Path dir) throws Exception {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx
                && mx.isThreadAllocatedMemorySupported(), "this JVM does not count a thread's allocation");
        assumeFalse(SHAPES_FROM_VALUES.contains(dir.getFileName().toString()), "shapes computed from values on every call");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        CaseFolder c = CaseFolder.open(dir);
        Model model = ModelImporter.load(c.model(), c.importOptions(ImportOptions.inProcess()));
        Tensor[] x = c.inputs().toArray(new Tensor[0]);
        try (Session session = model.newSession(1)) {
            Tensor[] first = session.runAll(x);
            float[][] out = new float[first.length][];
            for (int i = 0; i < out.length; i++) {
                out[i] = new float[first[i].size()];
            }
            int quiet = 0;
            long last = -1;
            long deadline = System.nanoTime() + PATIENCE_NANOS;
            while (quiet < QUIET_CALLS && System.nanoTime() < deadline) {
                long before = mx.getCurrentThreadAllocatedBytes();
                session.runInto(out, x);
                last = mx.getCurrentThreadAllocatedBytes() - before;
                quiet = last <= MOST_BYTES ? quiet + 1 : 0;
            }
            assertTrue(quiet >= QUIET_CALLS, dir.getFileName() + ": runInto allocated " + last + " bytes in a call after "
                    + PATIENCE_NANOS / 1_000_000_000 + " s of calls, never " + QUIET_CALLS + " calls in a row under "
                    + MOST_BYTES);
        }
    }
}
