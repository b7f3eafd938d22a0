package io.keras4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * A quick side-by-side timing for kernel work, outside JMH: keras4j and ONNX Runtime on the same cases in one JVM,
 * in alternating rounds so both see the same machine load. Prints the median wall time per call of each round's
 * best, and the calling thread's CPU time. Not a substitute for {@code bench/run.sh}.
 *
 * <pre>java -Xss8m --add-modules jdk.incubator.vector -Dbench.models=bench/target/models-quick -cp ... io.keras4j.bench.Probe
 *     [--rounds 6] [--seconds 1] [--no-ort] [--series] case...</pre>
 * Without {@code -Xss8m} the JVM dies (SIGSEGV, no error file) once keras4j's model loader and ONNX Runtime's native
 * library have both been loaded, in either order; {@code BenchMain} gives JMH's forks the same stack.
 * {@code --series} also prints every round's two medians, to see whether both engines slow down together.
 * {@code -Dbench.threads=N} overrides the case's threads for both engines.
 */
public final class Probe {
    private Probe() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 6;
        double seconds = 1;
        boolean ort = true;
        boolean series = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--no-ort" -> ort = false;
                case "--series" -> series = true;
                default -> {
                    Keras4jState k = new Keras4jState();
                    k.c = args[i];
                    k.setUp();
                    OrtState o = null;
                    if (ort) {
                        o = new OrtState();
                        o.c = args[i];
                        o.setUp();
                    }
                    double[] kt = new double[rounds];
                    double[] kc = new double[rounds];
                    double[] ot = new double[rounds];
                    OrtState oo = o;
                    for (int r = 0; r < rounds; r++) {
                        double[] m = time(() -> k.session.runInto(k.out, k.x), seconds);
                        kt[r] = m[0];
                        kc[r] = m[1];
                        if (oo != null) {
                            ot[r] = time(() -> {
                                try {
                                    oo.run();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            }, seconds)[0];
                        }
                        if (series) {
                            System.out.printf(Locale.ROOT, "  round %2d  k4j %9.1f us  ort %9.1f us%n", r, kt[r], ot[r]);
                        }
                    }
                    k.session.close();
                    if (o != null) {
                        o.tearDown();
                    }
                    double kb = min(kt);
                    double ob = min(ot);
                    System.out.printf(Locale.ROOT, "%-22s k4j %9.1f us (cpu %9.1f)  ort %9.1f us  k4j/ort %.2f  load %s%n",
                            args[i], kb, min(kc), ob, ob > 0 ? kb / ob : Double.NaN, Machine.load());
                }
            }
        }
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    /** Median wall µs per call and mean CPU µs per call of this thread over about {@code seconds}. */
    private static double[] time(Runnable call, double seconds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] samples = new double[1 << 16];
        int n = 0;
        long cpu0 = mx.getCurrentThreadCpuTime();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long t = System.nanoTime();
        while (t < end && n < samples.length) {
            call.run();
            long t1 = System.nanoTime();
            samples[n++] = (t1 - t) / 1e3;
            t = t1;
        }
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / n;
        Arrays.sort(samples, 0, n);
        return new double[] {samples[n / 2], cpu};
    }
}
