package io.keras4j.runtime.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A part that fails on a worker fails the run with its own exception, and never a later run; a failure releases the
 * parts waiting at the barrier.
 */
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

    /** A part that fails while the others wait at the barrier ends the run with its exception instead of hanging it. */
    @Test
    void failureReleasesThePartsWaitingAtTheBarrier() {
        try (Parallel team = Parallel.of(3)) {
            for (int failing = 0; failing < 3; failing++) {
                int f = failing;
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> team.run(3, (part, parts) -> {
                            team.await();
                            if (part == f) {
                                throw new IllegalArgumentException("part " + f + " failed");
                            }
                            team.await();
                        })));
                assertEquals("part " + f + " failed", e.getMessage());
            }
            AtomicInteger ran = new AtomicInteger();
            team.run(3, (part, parts) -> {
                team.await();
                ran.incrementAndGet();
            });
            assertEquals(3, ran.get(), "the team still works");
        }
    }

    @Test
    void morePartsThanThreadsAreRefusedBeforeAnyRuns() {
        try (Parallel team = Parallel.of(2)) {
            AtomicInteger ran = new AtomicInteger();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> team.run(3, (part, parts) -> ran.incrementAndGet()));
            assertEquals("parts must be between 1 and 2, got 3", e.getMessage());
            assertEquals(0, ran.get());
        }
    }
}
