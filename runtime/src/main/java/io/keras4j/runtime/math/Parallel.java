package io.keras4j.runtime.math;

import java.util.concurrent.atomic.AtomicInteger;
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

    /** Work for {@link #run}: part {@code part} of {@code parts}. */
    public interface Task {
        void run(int part, int parts);
    }

    private final Worker[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int phase;
    private volatile long generation;
    private volatile boolean closed;
    private Task task;
    private int parts;
    private volatile Throwable failure;

    private Parallel(int threads) {
        workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
        }
    }

    /** A team of {@code threads} threads, the caller's included. */
    public static Parallel of(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return threads == 1 ? SERIAL : new Parallel(threads);
    }

    public int threads() {
        return workers.length + 1;
    }

    /** Runs {@code task} as {@code parts} parts (at most {@link #threads()}) and returns when all are done. */
    public void run(int parts, Task task) {
        if (parts == 1) {
            task.run(0, 1);
            return;
        }
        if (closed) {
            throw new IllegalStateException("this thread team is closed");
        }
        this.task = task;
        this.parts = parts;
        arrived.set(0);
        pending.set(parts - 1);
        generation = generation + 1;
        for (int i = 0; i < parts - 1; i++) {
            workers[i].wake();
        }
        Throwable workerFailure;
        try {
            task.run(0, parts);
        } finally {
            for (int spins = 0; pending.get() > 0; spins++) {
                if (spins < SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            this.task = null;
            // taken even when the caller's part threw (its exception wins), so that no later task reports it
            workerFailure = failure;
            failure = null;
        }
        if (workerFailure instanceof RuntimeException e) {
            throw e;
        }
        if (workerFailure instanceof Error e) {
            throw e;
        }
        if (workerFailure != null) {
            throw new IllegalStateException("a worker failed", workerFailure);
        }
    }

    /** Waits until every part of the running task has called this. */
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
        generation = generation + 1;
        for (Worker w : workers) {
            w.wake();
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
                while (generation == seen && System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                }
                parked = true;
                while (generation == seen) {
                    LockSupport.park(this);
                }
                parked = false;
                seen = generation;
                if (closed) {
                    return;
                }
                if (part < parts) {
                    try {
                        task.run(part, parts);
                    } catch (Throwable t) {
                        failure = t;
                    } finally {
                        pending.decrementAndGet();
                    }
                }
            }
        }
    }
}
