package io.keras4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.graph.ValueInfo;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.BidirectionalMerge;
import io.keras4j.runtime.ops.Dense;
import io.keras4j.runtime.ops.Lstm;
import io.keras4j.runtime.ops.RecurrentOptions;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Sessions reuse one plan per input shape: same results as predictAll, chunk by chunk, on any thread count. */
class SessionTest {
    private static final int IN = 4;
    private static final int UNITS = 150;

    private static Model model() {
        SplittableRandom r = new SplittableRandom(3);
        Activation tanh = Activation.of(Activation.Kind.TANH);
        Activation sigmoid = Activation.of(Activation.Kind.SIGMOID);
        Lstm lstm = new Lstm(IN, UNITS, values(r, IN * 4 * UNITS, 0.5f), values(r, UNITS * 4 * UNITS, 0.1f),
                values(r, 4 * UNITS, 0.2f), tanh, sigmoid, RecurrentOptions.DEFAULTS);
        Dense dense = new Dense(UNITS, 2, values(r, UNITS * 2, 0.3f), values(r, 2, 0.1f), Activation.of(Activation.Kind.LINEAR));
        return Model.of(new Graph(List.of(new ValueInfo("x", new int[] {-1, -1, IN})),
                List.of(new Node("lstm", lstm, List.of("x"), List.of("h")), new Node("dense", dense, List.of("h"), List.of("y"))),
                List.of("y"), Map.of()));
    }

    private static float[] values(SplittableRandom r, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextDouble(-scale, scale);
        }
        return v;
    }

    private static Tensor steps(float[] x, int batch, int time, int from, int to) {
        float[] part = new float[batch * (to - from) * IN];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(x, (b * time + from) * IN, part, b * (to - from) * IN, (to - from) * IN);
        }
        return Tensor.of(part, batch, to - from, IN);
    }

    @Test
    void chunkedCallsOnAnyThreadCountMatchOneCall() {
        Model model = model();
        for (int batch : new int[] {1, 3}) {
            float[] x = values(new SplittableRandom(batch), batch * 12 * IN, 1f);
            float[] whole = model.predict(Tensor.of(x, batch, 12, IN)).toArray();
            for (int threads : new int[] {1, 2}) {
                try (Session s = model.newSession(threads)) {
                    s.run(steps(x, batch, 12, 0, 5));
                    float[][] out = {new float[batch * 2]};
                    s.runInto(out, steps(x, batch, 12, 5, 12));
                    for (int i = 0; i < whole.length; i++) {
                        assertEquals(whole[i], out[0][i], 1e-5, "batch " + batch + ", threads " + threads);
                    }
                    s.reset();
                    float[] afterReset = s.runAll(Tensor.of(x, batch, 12, IN))[0].toArray();
                    try (Session fresh = model.newSession(threads)) {
                        assertArrayEquals(fresh.runAll(Tensor.of(x, batch, 12, IN))[0].toArray(), afterReset);
                    }
                }
            }
        }
    }

    private static Lstm lstm(SplittableRandom r, int in, RecurrentOptions options) {
        return new Lstm(in, UNITS, values(r, in * 4 * UNITS, 0.5f), values(r, UNITS * 4 * UNITS, 0.1f),
                values(r, 4 * UNITS, 0.2f), Activation.of(Activation.Kind.TANH), Activation.of(Activation.Kind.SIGMOID), options);
    }

    /**
     * Two LSTMs on the same input (a Bidirectional layer's directions: at batch 1 on two threads they run at once),
     * then a third reading the merge and a fourth reading the third (dependent: never at once), statefully.
     */
    @Test
    void independentRecurrencesOnTwoThreadsMatchOneThread() {
        SplittableRandom r = new SplittableRandom(5);
        RecurrentOptions seq = RecurrentOptions.DEFAULTS.withReturnSequences(true).withStateful(true);
        Model model = Model.of(new Graph(List.of(new ValueInfo("x", new int[] {-1, -1, IN})),
                List.of(new Node("forward", lstm(r, IN, seq), List.of("x"), List.of("f")),
                        new Node("backward", lstm(r, IN, seq.withGoBackwards(true)), List.of("x"), List.of("b")),
                        new Node("merge", new BidirectionalMerge(BidirectionalMerge.Mode.CONCAT, true), List.of("f", "b"),
                                List.of("m")),
                        new Node("third", lstm(r, 2 * UNITS, seq), List.of("m"), List.of("t")),
                        new Node("fourth", lstm(r, UNITS, seq), List.of("t"), List.of("y"))),
                List.of("y"), Map.of()));
        for (int batch : new int[] {1, 2}) {
            float[] x = values(new SplittableRandom(batch), batch * 9 * IN, 1f);
            float[][] want = new float[2][];
            try (Session one = model.newSession(1)) {
                want[0] = one.runAll(steps(x, batch, 9, 0, 4))[0].toArray();
                want[1] = one.runAll(steps(x, batch, 9, 4, 9))[0].toArray();
            }
            try (Session two = model.newSession(2)) {
                for (int call = 0; call < 2; call++) {
                    float[] got = two.runAll(call == 0 ? steps(x, batch, 9, 0, 4) : steps(x, batch, 9, 4, 9))[0].toArray();
                    for (int i = 0; i < got.length; i++) {
                        assertEquals(want[call][i], got[i], 1e-6, "batch " + batch + ", call " + call + ", element " + i);
                    }
                }
            }
        }
    }

    @Test
    void runIntoAllocatesNothingInSteadyState() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean mx) || !mx.isThreadAllocatedMemorySupported()) {
            return;
        }
        Model model = model();
        Tensor[] x = {Tensor.of(values(new SplittableRandom(9), 10 * IN, 1f), 1, 10, IN)};
        float[][] out = {new float[2]};
        try (Session s = model.newSession()) {
            for (int i = 0; i < 5000; i++) {
                s.runInto(out, x);
            }
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100; i++) {
                s.runInto(out, x);
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 100 * 8, "runInto allocated " + allocated + " bytes in 100 calls: " + Arrays.toString(out[0]));
        }
    }
}
