package io.keras4j.cli;

import io.keras4j.importer.ModelImporter;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.graph.ValueInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keras4j bench MODEL}: latency percentiles and throughput of predictions on random inputs, after a
 * warm-up. A quick look, not a benchmark: claims of speed come from the JMH benchmark.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures prediction latency (p50/p90/p99) and throughput of MODEL on random inputs after a warm-up.")
final class BenchCommand implements Callable<Integer> {
    private static final int MAX_SAMPLES = 1 << 22;

    @Parameters(index = "0", paramLabel = "MODEL")
    Path model;

    @Option(names = "--batch", defaultValue = "1", description = "Sequences per call (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", defaultValue = "1", description = "Threads calling the model at once (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--timesteps", defaultValue = "10", description = "Timesteps where the model leaves them open (default ${DEFAULT-VALUE}).")
    int timesteps;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up seconds (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds (default ${DEFAULT-VALUE}).")
    double seconds;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || threads < 1 || timesteps < 1 || warmup < 0 || seconds <= 0) {
            throw new IllegalArgumentException("--batch, --threads and --timesteps must be at least 1 and --seconds positive");
        }
        Model m = ModelImporter.load(model);
        Tensor[] inputs = randomInputs(m.inputs());
        m.predictAll(inputs);
        Progress progress = new Progress(spec.commandLine().getErr());
        runFor(m, inputs, warmup, null, progress, "warming up");
        long[][] samples = new long[threads][MAX_SAMPLES / threads];
        int[] counts = runFor(m, inputs, seconds, samples, progress, "measuring");
        progress.done();
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(samples[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("bench %s: batch %d, %d thread%s, inputs %s, %.0f s warm-up, %.0f s measured, %s%n", model, batch, threads,
                threads == 1 ? "" : "s", Arrays.stream(inputs).map(t -> Shapes.toString(t.shape())).toList(), warmup, seconds,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        out.printf("calls %d, throughput %.1f calls/s (%.1f sequences/s)%n", all.length, all.length / seconds,
                all.length * (double) batch / seconds);
        out.printf("latency µs: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", pct(all, 0.50), pct(all, 0.90), pct(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e3);
        out.flush();
        return 0;
    }

    private Tensor[] randomInputs(List<ValueInfo> declared) {
        Random random = new Random(42);
        Tensor[] x = new Tensor[declared.size()];
        for (int i = 0; i < x.length; i++) {
            int[] shape = declared.get(i).shape();
            shape[0] = batch;
            for (int d = 1; d < shape.length; d++) {
                if (shape[d] < 0) {
                    if (d != 1) {
                        throw new IllegalArgumentException("input '" + declared.get(i).name() + "' has an open dimension "
                                + d + " besides time; bench cannot choose its size");
                    }
                    shape[d] = timesteps;
                }
            }
            float[] v = new float[Shapes.checkedSize(shape)];
            for (int k = 0; k < v.length; k++) {
                v[k] = random.nextFloat() * 2 - 1;
            }
            x[i] = Tensor.of(v, shape);
        }
        return x;
    }

    /** Calls the model from every thread for {@code secs}; records latencies in ns when {@code samples} is given. */
    private int[] runFor(Model m, Tensor[] x, double secs, long[][] samples, Progress progress, String what)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        int[] counts = new int[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                int n = 0;
                while (!stop.get()) {
                    long start = System.nanoTime();
                    m.predictAll(x);
                    long took = System.nanoTime() - start;
                    if (samples != null && n < samples[id].length) {
                        samples[id][n++] = took;
                    }
                }
                counts[id] = n;
            }, "keras4j-bench-" + t);
            workers[t].start();
        }
        long end = System.nanoTime() + (long) (secs * 1e9);
        while (System.nanoTime() < end) {
            progress.show(what, secs - (end - System.nanoTime()) / 1e9, secs);
            Thread.sleep(Math.max(1, Math.min(250, (end - System.nanoTime()) / 1_000_000)));
        }
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        return counts;
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e3;
    }
}
