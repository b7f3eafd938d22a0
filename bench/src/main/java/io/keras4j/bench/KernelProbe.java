package io.keras4j.bench;

import io.keras4j.runtime.math.Kernels;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongUnaryOperator;

/**
 * The scalar and the vector recurrent kernels side by side in one JVM, each loaded by its own class loader, timed in
 * alternating rounds: CPU time per step of one {@link Kernels#lstm} or {@link Kernels#gru} call on random weights,
 * the best round's median. Without model or session overhead and robust to load from other processes; not a
 * substitute for {@code bench/run.sh}.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp ... io.keras4j.bench.KernelProbe [--rounds 8] [--rows 1] [--gru] units...</pre>
 */
public final class KernelProbe {
    private KernelProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 8;
        int rows = 1;
        boolean gru = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--gru" -> gru = true;
                default -> {
                    int units = Integer.parseInt(args[i]);
                    LongUnaryOperator scalar = steps(true, units, rows, gru);
                    LongUnaryOperator vector = steps(false, units, rows, gru);
                    double[] s = new double[rounds];
                    double[] v = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        s[r] = round(scalar);
                        v[r] = round(vector);
                    }
                    double sb = Arrays.stream(s).min().orElseThrow();
                    double vb = Arrays.stream(v).min().orElseThrow();
                    System.out.printf(Locale.ROOT, "%s %d units, %d rows: scalar %.0f ns/step, vector %.0f (cpu), scalar/vector %.2f  load %s%n",
                            gru ? "GRU" : "LSTM", units, rows, sb, vb, sb / vb, Machine.load());
                }
            }
        }
    }

    /** {@link Steps} with its own copy of the runtime, scalar or vector. */
    private static LongUnaryOperator steps(boolean scalar, int units, int rows, boolean gru) throws Exception {
        URL runtime = Kernels.class.getProtectionDomain().getCodeSource().getLocation();
        URL bench = KernelProbe.class.getProtectionDomain().getCodeSource().getLocation();
        String was = System.setProperty("keras4j.scalar", String.valueOf(scalar));
        try {
            ClassLoader loader = new URLClassLoader(new URL[] {runtime, bench}, ClassLoader.getPlatformClassLoader());
            return (LongUnaryOperator) loader.loadClass(Steps.class.getName())
                    .getConstructor(int.class, int.class, boolean.class).newInstance(units, rows, gru);
        } finally {
            System.setProperty("keras4j.scalar", was == null ? "false" : was);
        }
    }

    /** Median CPU ns per step over batches of about 20 ms, for about 0.6 s. */
    private static double round(LongUnaryOperator steps) {
        long n = 1;
        while (steps.applyAsLong(n) < 20_000_000L) {
            n *= 2;
        }
        double[] samples = new double[32];
        int m = 0;
        long end = System.nanoTime() + 600_000_000L;
        while (m < samples.length && System.nanoTime() < end) {
            samples[m++] = steps.applyAsLong(n) / (double) n;
        }
        Arrays.sort(samples, 0, m);
        return samples[m / 2];
    }

    /**
     * Runs n steps of one kernel, with the rows laid out and h and its successor swapping places as in a session,
     * and returns the calling thread's CPU ns.
     */
    public static final class Steps implements LongUnaryOperator {
        private final Kernels kernels = Kernels.get();
        private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        private final int units;
        private final int rows;
        private final boolean gru;
        private final int padded;
        private final int panels;
        private final float[][] recurrent;
        private final float[] recurrentBias;
        private final float[] projection;
        private final float[] s;
        private final int stride;

        public Steps(int units, int rows, boolean gru) {
            this.units = units;
            this.rows = rows;
            this.gru = gru;
            int gates = gru ? 3 : 4;
            padded = kernels.paddedUnits(units);
            panels = padded / kernels.panelUnits(units);
            stride = Kernels.spread(padded);
            Random random = new Random(7);
            float[] w = new float[units * gates * units];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (random.nextGaussian() / Math.sqrt(units));
            }
            recurrent = kernels.packRecurrent(w, units, gates);
            recurrentBias = kernels.packColumns(new float[units], 1, 1, units);
            projection = new float[rows * Kernels.spread(gates * padded)];
            for (int i = 0; i < projection.length; i++) {
                projection[i] = (float) random.nextGaussian();
            }
            s = new float[projection.length + 3 * rows * stride];
        }

        @Override
        public long applyAsLong(long n) {
            int width = projection.length / rows;
            int h = projection.length;
            int next = h + rows * stride;
            int c = next + rows * stride;
            long cpu = mx.getCurrentThreadCpuTime();
            for (long i = 0; i < n; i++) {
                System.arraycopy(projection, 0, s, 0, projection.length);
                if (gru) {
                    kernels.gru(recurrent, recurrentBias, units, s, 0, width, h, next, stride, rows, 0, panels, (i & 1) == 1);
                } else {
                    kernels.lstm(recurrent, units, s, 0, width, h, next, c, stride, rows, 0, panels, (i & 1) == 1);
                }
                int swap = h;
                h = next;
                next = swap;
            }
            return mx.getCurrentThreadCpuTime() - cpu;
        }
    }
}
