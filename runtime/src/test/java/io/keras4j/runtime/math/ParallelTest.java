package io.keras4j.runtime.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A part that fails on a worker fails the run with its own exception, and never a later run. */
class ParallelTest {
    @Test
    void workerFailureReachesTheCallerOnceAndUnwrapped() {
        try (Parallel team = Parallel.of(2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> team.run(2, (part, parts) -> {
                if (part == 1) {
                    throw new IllegalArgumentException("part 1 failed");
                }
            }));
            assertEquals("part 1 failed", e.getMessage());

            IllegalStateException caller = assertThrows(IllegalStateException.class, () -> team.run(2, (part, parts) -> {
                throw part == 0 ? new IllegalStateException("caller's part") : new IllegalArgumentException("worker's part");
            }));
            assertEquals("caller's part", caller.getMessage());

            AtomicInteger ran = new AtomicInteger();
            team.run(2, (part, parts) -> ran.incrementAndGet());
            assertEquals(2, ran.get());
        }
    }
}
