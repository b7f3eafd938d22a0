package io.keras4j.cli;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.graph.ValueInfo;
import io.keras4j.runtime.math.Kernels;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keras4j bench MODEL}: latency percentiles and throughput of predictions on random inputs (or given ones),
 * after a warm-up. A quick look, not a benchmark: claims of speed come from the JMH benchmark.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures prediction latency (p50/p90/p99) and throughput of MODEL after a warm-up.",
                "Inputs are random floats in [-1, 1), batch first, sized by --batch and --timesteps; a model that needs"
                        + " other values (token ids, sequence lengths) or time-major inputs takes its inputs from --input files."})
final class BenchCommand implements Callable<Integer> {
    private static final int MAX_SAMPLES = 1 << 22;
    private static final DecimalFormat SECONDS = new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));

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

    @Option(names = "--input", paramLabel = "X.npy", description = "Inputs instead of random ones: one .npy per model input,"
            + " in model order, as predict takes them (or .csv for a model of one input and one output).")
    List<Path> inputFiles = new ArrayList<>();

    @Mixin
    ConfigMixin config;

    @Mixin
    ImportMixin importing;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || threads < 1 || timesteps < 1 || warmup < 0 || seconds <= 0) {
            throw new IllegalArgumentException("--batch, --threads and --timesteps must be at least 1, --warmup at least 0"
                    + " and --seconds positive (were " + batch + ", " + threads + ", " + timesteps + ", " + warmup + ", "
                    + seconds + ")");
        }
        ParseResult parsed = spec.commandLine().getParseResult();
        if (!inputFiles.isEmpty() && (parsed.hasMatchedOption("--batch") || parsed.hasMatchedOption("--timesteps"))) {
            throw new IllegalArgumentException("--batch and --timesteps size random inputs; the --input files give their own");
        }
        Model m = Model.of(config.readGraph(model, importing.options()));
        Tensor[] inputs = inputFiles.isEmpty() ? randomInputs(m.inputs()) : InputFiles.read(inputFiles, m, model);
        try {
            m.predictAll(inputs);
        } catch (IllegalArgumentException e) {
            if (!inputFiles.isEmpty()) {
                throw e;
            }
            throw new IllegalArgumentException(model + " does not take random floats in [-1, 1) (" + e.getMessage()
                    + "): give bench its inputs with --input", e);
        }
        int sequences = sequences(m.inputs(), inputs);
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
        boolean known = sequences > 0;
        out.printf("bench %s: batch %s, %d thread%s, %s inputs %s, %s s warm-up, %s s measured, %s, kernels %s%n", model,
                known ? String.valueOf(sequences) : "unknown (no batch-first input)", threads, threads == 1 ? "" : "s",
                inputFiles.isEmpty() ? "random" : "given", Arrays.stream(inputs).map(t -> Shapes.toString(t.shape())).toList(),
                SECONDS.format(warmup), SECONDS.format(seconds),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), Kernels.get().name());
        out.printf("calls %d, throughput %.1f calls/s%s%n", all.length, all.length / seconds,
                known ? String.format(Locale.ROOT, " (%.1f sequences/s)", all.length * (double) sequences / seconds) : "");
        out.printf("latency µs: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", pct(all, 0.50), pct(all, 0.90), pct(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e3);
        out.flush();
        return 0;
    }

    /** The batch of a call: axis 0 of the first batch-first input, or 0 when no input is batch-first. */
    private static int sequences(List<ValueInfo> declared, Tensor[] inputs) {
        for (int i = 0; i < inputs.length; i++) {
            if (declared.get(i).batchFirst() && inputs[i].shape().length > 0) {
                return inputs[i].shape()[0];
            }
        }
        return 0;
    }

    private Tensor[] randomInputs(List<ValueInfo> declared) {
        Random random = new Random(42);
        Tensor[] x = new Tensor[declared.size()];
        for (int i = 0; i < x.length; i++) {
            if (!declared.get(i).batchFirst()) {
                throw new IllegalArgumentException(model + ": input '" + declared.get(i).name() + "' is not batch first"
                        + " (a time-major ONNX input), so bench cannot size random inputs: give them with --input");
            }
            int[] shape = declared.get(i).shape();
            shape[0] = batch;
            for (int d = 1; d < shape.length; d++) {
                if (shape[d] < 0) {
                    if (d != 1) {
                        throw new IllegalArgumentException(model + ": input '" + declared.get(i).name() + "' has an open"
                                + " dimension " + d + " besides time, so bench cannot size random inputs: give them with --input");
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
