package io.keras4j.runtime.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FastTanh stays within 1e-7 of the exact functions (checked exhaustively on [-30, 30] when it was written). */
class FastTanhTest {
    private static final double LIMIT = 1e-7;

    @Test
    void withinLimitOnSamplesAndEdges() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000_000; i++) {
            float x = i < 1_000_000 ? (float) random.nextDouble(-30, 30) : (float) random.nextDouble(-1, 1);
            check(x);
        }
        for (float x = -1f; x <= 1f; x = Math.nextUp(x) + 1e-6f) {
            check(x);
        }
        for (float x : new float[] {0f, -0f, 0.4f, -0.4f, Math.nextDown(0.4f), 1e-30f, Float.MIN_VALUE, 9f, 20f, 88f, 1e30f}) {
            check(x);
            check(-x);
        }
    }

    @Test
    void edgeValues() {
        assertEquals(1f, FastTanh.tanh(Float.POSITIVE_INFINITY));
        assertEquals(-1f, FastTanh.tanh(Float.NEGATIVE_INFINITY));
        assertEquals(1f, FastTanh.sigmoid(Float.POSITIVE_INFINITY));
        assertEquals(0f, FastTanh.sigmoid(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(FastTanh.tanh(Float.NaN)));
        assertTrue(Float.isNaN(FastTanh.sigmoid(Float.NaN)));
    }

    private static void check(float x) {
        double tanh = Math.tanh(x);
        double sigmoid = 1 / (1 + Math.exp(-(double) x));
        assertTrue(Math.abs(FastTanh.tanh(x) - tanh) <= LIMIT, () -> "tanh(" + x + ") = " + FastTanh.tanh(x) + ", exact " + tanh);
        assertTrue(Math.abs(FastTanh.sigmoid(x) - sigmoid) <= LIMIT,
                () -> "sigmoid(" + x + ") = " + FastTanh.sigmoid(x) + ", exact " + sigmoid);
    }
}
