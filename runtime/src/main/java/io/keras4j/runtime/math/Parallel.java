package io.keras4j.runtime.math;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A team of threads that runs the parts of one task at a time: part 0 on the caller, the others on daemon
 * workers that spin briefly between tasks and then park. Parts synchronise with {@link #await()}, a spin
 * barrier cheap enough to use once per timestep. One caller at a time; {@link #close()} stops the workers.
 */
public final class Parallel implements AutoCloseable {
    /** The caller's thread alone. */
    public static final Parallel SERIAL = new Parallel(1);

    /** How long an idle worker spins for the next task before parking. */
    private static final long SPIN_NANOS = 200_000;
    /** Spins of a barrier wait before it yields the core, in case the other parts wait for this one's core. */
    private static final int SPINS_BEFORE_YIELD = 2_000;
    /** Low bits of {@link #ticket} that hold the task's parts; the bits above count the tasks. */
    private static final int PART_BITS = 16;
    private static final int MAX_THREADS = (1 << PART_BITS) - 1;
    /** What {@link #await()} throws in the parts still running once another part has failed, to end them. */
    private static final RuntimeException ABANDONED = new Abandoned();

    /** Work for {@link #run}: part {@code part} of {@code parts}. */
    public interface Task {
        void run(int part, int parts);
    }

    private final Worker[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger arrived = new AtomicInteger();
    /** The first failure of a worker's part in the running task. */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile int phase;
    /**
     * The running task's number and its parts in one value, so that a worker reads both at once: one that reads
     * them apart can take the parts of a later task for the task it was woken for, and run a part twice.
     */
    private volatile long ticket;
    private volatile boolean closed;
    /** Set when a part of the running task has failed: the parts waiting in {@link #await()} stop. */
    private volatile boolean failed;
    private Task task;
    private int parts;

    private Parallel(int threads) {
        workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
        }
    }

    /** A team of {@code threads} threads, the caller's included. */
    public static Parallel of(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be between 1 and " + MAX_THREADS + ", got " + threads);
        }
        return threads == 1 ? SERIAL : new Parallel(threads);
    }

    public int threads() {
        return workers.length + 1;
    }

    /**
     * Runs {@code task} as {@code parts} parts (1 to {@link #threads()}) and returns when all are done. When a part
     * fails, the parts waiting in {@link #await()} stop, and the run throws the caller's failure, else the first
     * worker's.
     */
    public void run(int parts, Task task) {
        if (parts < 1 || parts > threads()) {
            throw new IllegalArgumentException("parts must be between 1 and " + threads() + ", got " + parts);
        }
        if (parts == 1) {
            this.parts = 1;
            task.run(0, 1);
            return;
        }
        if (closed) {
            throw new IllegalStateException("this thread team is closed");
        }
        this.task = task;
        this.parts = parts;
        arrived.set(0);
        failed = false;
        pending.set(parts - 1);
        publish(parts);
        for (int i = 0; i < parts - 1; i++) {
            workers[i].wake();
        }
        Throwable callerFailure = null;
        try {
            task.run(0, parts);
        } catch (Throwable t) {
            callerFailure = t;
            failed = true;
        }
        for (int spins = 0; pending.get() > 0; spins++) {
            if (spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        this.task = null;
        // taken even when the caller's part failed (its exception wins), so that no later task reports it
        Throwable workerFailure = failure.getAndSet(null);
        Throwable thrown = callerFailure != null && callerFailure != ABANDONED ? callerFailure
                : workerFailure != null ? workerFailure : callerFailure;
        if (thrown instanceof RuntimeException e) {
            throw e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
        if (thrown != null) {
            throw new IllegalStateException("a part failed", thrown);
        }
    }

    /**
     * Waits until every part of the running task has called this.
     *
     * @throws RuntimeException when another part has failed: this part must end too
     */
    public void await() {
        int n = parts;
        if (n <= 1) {
            return;
        }
        int ph = phase;
        if (arrived.incrementAndGet() == n) {
            arrived.set(0);
            phase = ph + 1;
        } else {
            for (int spins = 0; phase == ph; spins++) {
                if (failed) {
                    throw ABANDONED;
                }
                if (spins < SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }
    }

    @Override
    public void close() {
        if (this == SERIAL) {
            return;
        }
        closed = true;
        publish(0);
        for (Worker w : workers) {
            w.wake();
        }
    }

    /** The next task number with {@code parts} parts (0 for close), in one write that the workers read at once. */
    private void publish(int parts) {
        ticket = ((ticket >>> PART_BITS) + 1) << PART_BITS | parts;
    }

    /** A part's end because another part failed; it carries no stack, and the run reports the other failure. */
    private static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super("another part of the task failed", null, false, false);
        }
    }

    private final class Worker implements Runnable {
        private final int part;
        private final Thread thread;
        private volatile boolean parked;

        Worker(int part) {
            this.part = part;
            this.thread = new Thread(this, "keras4j-worker-" + part);
            thread.setDaemon(true);
            thread.start();
        }

        void wake() {
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long start = System.nanoTime();
                while (ticket == seen && System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                }
                parked = true;
                while (ticket == seen) {
                    LockSupport.park(this);
                }
                parked = false;
                seen = ticket;
                if (closed) {
                    return;
                }
                int n = (int) (seen & MAX_THREADS);
                if (part < n) {
                    // the caller waits for this part, so task is this ticket's until it is done
                    try {
                        task.run(part, n);
                    } catch (Throwable t) {
                        if (t != ABANDONED) {
                            failure.compareAndSet(null, t);
                        }
                        failed = true;
                    } finally {
                        pending.decrementAndGet();
                    }
                }
            }
        }
    }
}
