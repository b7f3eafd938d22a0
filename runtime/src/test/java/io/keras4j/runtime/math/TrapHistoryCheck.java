package io.keras4j.runtime.math;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Run in a JVM of its own by {@link TrapHistoryTest}: first gives the Vector API's shared operator dispatch
 * ({@code VectorOperators.opCode}) a history of class-check traps, as a long-running JVM can collect, then runs each
 * kernel until C2 has compiled it and prints the bytes it allocates per call, one line per kernel, and the same for
 * a control: the exp-based activation the kernels used before 2026-11-27, which such a history made C2 compile with
 * virtual calls that boxed a vector on every pass for the JVM's life (JDK 17 and 25).
 */
final class TrapHistoryCheck {
    private static final int COPIES = 8;

    private TrapHistoryCheck() {
    }

    public static void main(String[] args) throws ReflectiveOperationException, IOException {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!mx.isThreadAllocatedMemorySupported() || !mx.isThreadAllocatedMemoryEnabled()) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread");
        }
        float sink = recordTraps();
        Kernels k = Kernels.get();
        System.out.println("kernels " + k.name() + " " + sink);
        SplittableRandom random = new SplittableRandom(3);
        for (String kind : new String[] {"lstm 40 1", "lstm 40 3", "gru 40 1", "gru 130 4", "gemm 50 140 96"}) {
            String[] a = kind.split(" ");
            Runnable call = a[0].equals("gemm") ? gemm(k, random, Integer.parseInt(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]))
                    : step(k, random, a[0].equals("lstm"), Integer.parseInt(a[1]), Integer.parseInt(a[2]));
            report(kind, mx, call, 30);
        }
        float[] gates = KernelsTest.values(random, 5 * 32, 3);
        report("control", mx, () -> ExpActivation.apply(gates, 0, 5, 32, 0.5f, 0.5f), 5);
    }

    /**
     * Eight copies of one operator call (hidden classes from the bytes of {@link OperatorCall}, so that each keeps its
     * own profile and compilation), each compiled having seen only SUB, then given ADD, an operator of another class.
     */
    private static float recordTraps() throws ReflectiveOperationException, IOException {
        byte[] bytes;
        try (InputStream in = java.util.Objects.requireNonNull(
                OperatorCall.class.getResourceAsStream("TrapHistoryCheck$OperatorCall.class"), "OperatorCall's class file")) {
            bytes = in.readAllBytes();
        }
        MethodHandle[] copies = new MethodHandle[COPIES];
        MethodType type = MethodType.methodType(float.class, VectorOperators.Binary.class);
        for (int i = 0; i < COPIES; i++) {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
            copies[i] = lookup.findStatic(lookup.lookupClass(), "apply", type);
        }
        float sink = 0;
        try {
            for (MethodHandle copy : copies) {
                for (int i = 0; i < 300_000; i++) {
                    sink += (float) copy.invokeExact((VectorOperators.Binary) VectorOperators.SUB);
                }
            }
            for (MethodHandle copy : copies) {
                for (int i = 0; i < 100; i++) {
                    sink += (float) copy.invokeExact((VectorOperators.Binary) VectorOperators.ADD);
                }
            }
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return sink;
    }

    /** {@code 1 op 2} on vectors, with the operator a parameter, so that C2 dispatches it on the profile. */
    static final class OperatorCall {
        private OperatorCall() {
        }

        static float apply(VectorOperators.Binary op) {
            FloatVector a = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 1f);
            return a.lanewise(op, FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 2f)).lane(0);
        }
    }

    /** One recurrent step over {@code rows} sequences, state laid out as a session lays it. */
    private static Runnable step(Kernels k, SplittableRandom random, boolean lstm, int units, int rows) {
        int gates = lstm ? 4 : 3;
        float[][] r = k.packRecurrent(KernelsTest.values(random, units * gates * units, 0.3), units, gates);
        float[] rb = k.packColumns(KernelsTest.values(random, units, 0.3), 1, 1, units);
        int padded = k.paddedUnits(units);
        int width = Kernels.spread(gates * padded);
        int stride = Kernels.spread(padded);
        int h = rows * width;
        float[] projection = KernelsTest.values(random, rows * width, 1);
        float[] s = new float[h + 3 * rows * stride];
        return () -> {
            System.arraycopy(projection, 0, s, 0, projection.length);
            KernelsTest.step(k, lstm, r, rb, units, s, width, h, stride, rows, false);
        };
    }

    private static Runnable gemm(Kernels k, SplittableRandom random, int m, int n, int p) {
        float[] a = KernelsTest.values(random, m * n, 1);
        float[] b = k.packGemm(KernelsTest.values(random, n * p, 1), n, p);
        float[] bias = KernelsTest.values(random, p, 1);
        float[] c = new float[m * p];
        return () -> k.gemm(a, 0, m, n, b, bias, c, 0, p);
    }

    /**
     * Prints the bytes allocated per call over the last 500 calls, after at least 3 s of calls and once that figure is
     * 0, or after {@code seconds} (C2 needs seconds to compile the kernels; a boxing compilation never stops
     * allocating), and the seconds it took.
     */
    private static void report(String name, ThreadMXBean mx, Runnable call, int seconds) {
        long start = System.nanoTime();
        double perCall;
        long elapsed;
        do {
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 500; i++) {
                call.run();
            }
            perCall = (mx.getCurrentThreadAllocatedBytes() - before) / 500.0;
            elapsed = System.nanoTime() - start;
        } while (elapsed < seconds * 1_000_000_000L && (perCall > 0 || elapsed < 3_000_000_000L));
        System.out.printf(java.util.Locale.ROOT, "%s: %s bytes per call after %.1f s%n", name, perCall, elapsed / 1e9);
    }

    /** The vector activation before 2026-11-27 (tanh by an odd polynomial below 0.4, else from a Cephes-style exp). */
    static final class ExpActivation {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

        private ExpActivation() {
        }

        /** {@code x = tanh(a·x)·a + b} for {@code count} vectors at {@code at, at + step, ...}. */
        static void apply(float[] s, int at, int count, int step, float a, float b) {
            for (int i = 0, v = at; i < count; i++, v += step) {
                FloatVector x = FloatVector.fromArray(S, s, v).mul(a);
                FloatVector abs = x.abs();
                FloatVector x2 = x.mul(x);
                FloatVector p = x2.fma(-929569f / 638512875, 21844f / 6081075).fma(x2, c(-1382f / 155925))
                        .fma(x2, c(62f / 2835)).fma(x2, c(-17f / 315)).fma(x2, c(2f / 15)).fma(x2, c(-1f / 3));
                FloatVector small = p.mul(x2).fma(x, x);
                FloatVector t = abs.min(20f).mul(-2f);
                FloatVector shifted = t.fma(1.44269504088896341f, 12582912f);
                FloatVector n = shifted.sub(12582912f);
                FloatVector r = n.fma(c(-0.693359375f), t);
                r = n.fma(c(2.12194440e-4f), r);
                FloatVector poly = r.fma(1.9875691500e-4f, 1.3981999507e-3f).fma(r, c(8.3334519073e-3f))
                        .fma(r, c(4.1665795894e-2f)).fma(r, c(1.6666665459e-1f)).fma(r, c(5.0000001201e-1f));
                IntVector scale = shifted.reinterpretAsInts().sub(Float.floatToRawIntBits(12582912f) - 127)
                        .lanewise(VectorOperators.LSHL, 23);
                FloatVector e = poly.fma(r.mul(r), r).add(1f).mul(scale.reinterpretAsFloats());
                FloatVector big = c(1f).sub(e).div(e.add(1f));
                big = big.blend(big.neg(), x.compare(VectorOperators.LT, 0f));
                small.blend(big, abs.compare(VectorOperators.GE, 0.4f)).fma(a, b).intoArray(s, v);
            }
        }

        private static FloatVector c(float v) {
            return FloatVector.broadcast(S, v);
        }
    }
}
