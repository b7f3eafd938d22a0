package io.keras4j.runtime.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.Kernels;
import io.keras4j.runtime.math.Parallel;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packed, fused loop gives what the per-step reference loop gives (the same op with an all-ones mask
 * takes the reference path), for every option, batch size, unit count and thread split.
 */
class FusedRecurrenceTest {
    private static final Parallel TWO = Parallel.of(2);

    @AfterAll
    static void stop() {
        TWO.close();
    }

    @Test
    void vectorKernelsWhenTheModuleIsPresent() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && !Boolean.getBoolean("keras4j.scalar");
        assertEquals(module, Kernels.get().name().startsWith("vector"), Kernels.get().name());
    }

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (boolean lstm : new boolean[] {true, false}) {
            for (int units : new int[] {1, 5, 8, 13, 40, 129, 149}) {
                for (int batch : new int[] {1, 3, 4}) {
                    b.add(Arguments.of(lstm, units, batch, RecurrentOptions.DEFAULTS));
                }
            }
            RecurrentOptions all = RecurrentOptions.DEFAULTS.withReturnSequences(true).withReturnState(true).withGoBackwards(true);
            b.add(Arguments.of(lstm, 19, 3, all));
            b.add(Arguments.of(lstm, 149, 1, all.withInitialState(true)));
            b.add(Arguments.of(lstm, 7, 2, RecurrentOptions.DEFAULTS.withInitialState(true).withReturnState(true)));
        }
        return b.build();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesReferenceLoop(boolean lstm, int units, int batch, RecurrentOptions options) {
        SplittableRandom random = new SplittableRandom(units * 31L + batch);
        int in = 3;
        int time = 9;
        RecurrentOp fused = op(lstm, in, units, options, new SplittableRandom(units));
        RecurrentOp reference = op(lstm, in, units, options.withMask(true), new SplittableRandom(units));
        int states = fused.stateCount();
        float[] x = values(random, batch * time * in, 1f);
        float[][] initial = new float[states][];
        for (int k = 0; k < states; k++) {
            initial[k] = values(random, batch * units, 0.5f);
        }
        float[] carried = values(random, states * batch * units, 0.5f);
        float[][] expected = run(reference, x, batch, time, units, initial, carried.clone(), Parallel.SERIAL, true);
        for (Parallel parallel : new Parallel[] {Parallel.SERIAL, TWO}) {
            float[][] got = run(fused, x, batch, time, units, initial, carried.clone(), parallel, false);
            for (int i = 0; i < expected.length; i++) {
                close(expected[i], got[i], "output " + i + " with " + parallel.threads() + " threads");
            }
        }
    }

    /** A layer that has run on a thread is collected once dropped: the thread's reusable call does not hold it. */
    @Test
    void aDroppedLayerIsCollectedAfterRunning() throws InterruptedException {
        SplittableRandom random = new SplittableRandom(5);
        RecurrentOp op = op(true, 3, 149, RecurrentOptions.DEFAULTS, random);
        run(op, values(random, 2 * 4 * 3, 1f), 2, 4, 149, null, null, TWO, false);
        run(op, values(random, 4 * 3, 1f), 1, 4, 149, null, null, TWO, false);
        java.lang.ref.WeakReference<FusedRecurrence> fused = new java.lang.ref.WeakReference<>(op.fused());
        assertTrue(fused.get() != null, "the layer takes the fused path");
        op = null;
        for (int i = 0; i < 50 && fused.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(fused.get() == null, "the packed layer is still reachable after it was dropped");
    }

    /** Runs one call; returns the outputs followed by the carried state after the call. */
    private static float[][] run(RecurrentOp op, float[] x, int batch, int time, int units, float[][] initial, float[] carried,
                                 Parallel parallel, boolean withMask) {
        RecurrentOptions o = op.options();
        int n = 1 + (withMask ? 1 : 0) + (o.initialState() ? initial.length : 0);
        float[][] inputs = new float[n][];
        int[][] shapes = new int[n][];
        inputs[0] = x;
        shapes[0] = new int[] {batch, time, x.length / batch / time};
        int next = 1;
        if (withMask) {
            inputs[next] = new float[batch * time];
            Arrays.fill(inputs[next], 1f);
            shapes[next++] = new int[] {batch, time};
        }
        if (o.initialState()) {
            for (float[] s : initial) {
                inputs[next] = s;
                shapes[next++] = new int[] {batch, units};
            }
        }
        int[][] outShapes = op.outputShapes(shapes);
        float[][] outputs = new float[outShapes.length + 1][];
        for (int i = 0; i < outShapes.length; i++) {
            outputs[i] = new float[Arrays.stream(outShapes[i]).reduce(1, (a, b) -> a * b)];
        }
        float[] scratch = new float[op.scratchSize(shapes)];
        Arrays.fill(scratch, Float.NaN);
        op.forward(inputs, shapes, Arrays.copyOf(outputs, outShapes.length), scratch, carried, parallel);
        outputs[outShapes.length] = carried;
        return outputs;
    }

    /** A call whose working memory no Java array holds is refused (the size overflowed int and ended in an AIOOBE). */
    @Test
    void scratchBeyondAJavaArrayIsRefused() {
        RecurrentOp lstm = op(true, 1, 1024, RecurrentOptions.DEFAULTS, new SplittableRandom(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lstm.scratchSize(new int[][] {{1, 600_000, 1}}));
        assertTrue(e.getMessage().contains("floats of working memory, more than a Java array holds"), e.getMessage());
        assertTrue(lstm.scratchSize(new int[][] {{1, 100_000, 1}}) > 100_000 * 4096, "a size that fits is computed");
    }

    private static RecurrentOp op(boolean lstm, int in, int units, RecurrentOptions options, SplittableRandom random) {
        Activation tanh = Activation.of(Activation.Kind.TANH);
        Activation sigmoid = Activation.of(Activation.Kind.SIGMOID);
        int g = lstm ? 4 : 3;
        float[] kernel = values(random, in * g * units, 0.6f);
        float[] recurrent = values(random, units * g * units, 1.5f / (float) Math.sqrt(units));
        float[] bias = values(random, g * units, 0.3f);
        if (lstm) {
            return new Lstm(in, units, kernel, recurrent, bias, tanh, sigmoid, options);
        }
        return new Gru(in, units, kernel, recurrent, bias, values(random, g * units, 0.3f), true, tanh, sigmoid, options);
    }

    private static float[] values(SplittableRandom random, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(-scale, scale);
        }
        return v;
    }

    private static void close(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            float w = want[i];
            float g = got[i];
            assertTrue(Math.abs(g - w) <= 2e-6 + 1e-5 * Math.abs(w), () -> what + " differs: " + g + " vs " + w);
        }
    }
}
