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
import jdk.incubator.vector.VectorOperators;

/**
 * Run in a JVM of its own by {@link TrapHistoryTest}: first gives the Vector API's shared operator dispatch
 * ({@code VectorOperators.opCode}) a history of class-check traps, as a long-running JVM can collect, then runs each
 * kernel until C2 has compiled it and prints the bytes it allocates per call, one line per kernel. On JDK 17 and 25,
 * such a history made C2 bind a Vector API call of the old activation through a virtual call it could not
 * intrinsify, and that call boxed its vector (64 bytes) on every pass for the JVM's life.
 */
final class TrapHistoryCheck {
    private static final int COPIES = 8;

    private TrapHistoryCheck() {
    }

    public static void main(String[] args) throws ReflectiveOperationException, IOException {
        float sink = recordTraps();
        Kernels k = Kernels.get();
        System.out.println("kernels " + k.name() + " " + sink);
        SplittableRandom random = new SplittableRandom(3);
        for (String kind : new String[] {"lstm 40 1", "lstm 40 3", "gru 40 2", "gemm 50 16 96"}) {
            String[] a = kind.split(" ");
            Runnable call = a[0].equals("gemm") ? gemm(k, random, Integer.parseInt(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]))
                    : step(k, random, a[0].equals("lstm"), Integer.parseInt(a[1]), Integer.parseInt(a[2]));
            System.out.println(kind + ": " + steadyBytesPerCall(call));
        }
    }

    /**
     * Eight copies of one operator call (hidden classes from the bytes of {@link OperatorCall}, so that each keeps its
     * own profile and compilation), each compiled having seen only SUB, then given ADD, an operator of another class.
     */
    private static float recordTraps() throws ReflectiveOperationException, IOException {
        byte[] bytes;
        try (InputStream in = OperatorCall.class.getResourceAsStream("TrapHistoryCheck$OperatorCall.class")) {
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
        float[][] r = k.packRecurrent(values(random, units * gates * units, 0.3), units, gates);
        float[] rb = k.packColumns(values(random, units, 0.3), 1, 1, units);
        int padded = k.paddedUnits(units);
        int width = Kernels.spread(gates * padded);
        int stride = Kernels.spread(padded);
        int h = rows * width;
        int next = h + rows * stride;
        int c = next + rows * stride;
        float[] projection = values(random, rows * width, 1);
        float[] s = new float[c + rows * stride];
        int panels = padded / k.panelUnits(units);
        return () -> {
            System.arraycopy(projection, 0, s, 0, projection.length);
            if (lstm) {
                k.lstm(r, units, s, 0, width, h, next, c, stride, rows, 0, panels, false);
            } else {
                k.gru(r, rb, units, s, 0, width, h, next, stride, rows, 0, panels, false);
            }
        };
    }

    private static Runnable gemm(Kernels k, SplittableRandom random, int m, int n, int p) {
        float[] a = values(random, m * n, 1);
        float[] b = values(random, n * p, 1);
        float[] bias = values(random, p, 1);
        float[] c = new float[m * p];
        return () -> k.gemm(a, 0, m, n, b, bias, c, 0, p);
    }

    private static float[] values(SplittableRandom random, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(-scale, scale);
        }
        return v;
    }

    /**
     * Bytes allocated per call over the last 500 calls, after at least 3 s of calls and once that figure is 0, or
     * after 30 s (C2 needs seconds to compile the kernels; a boxing compilation never stops allocating).
     */
    private static double steadyBytesPerCall(Runnable call) {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long start = System.nanoTime();
        double perCall;
        long elapsed;
        do {
            long before = mx.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 500; i++) {
                call.run();
            }
            perCall = (mx.getThreadAllocatedBytes(thread) - before) / 500.0;
            elapsed = System.nanoTime() - start;
        } while (elapsed < 30_000_000_000L && (perCall > 0 || elapsed < 3_000_000_000L));
        return perCall;
    }
}
