package io.keras4j.runtime.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * RationalTanh stays within 1e-7 of the exact functions (checked on every float in [-30, 30] when it was written:
 * 6.7e-8 and 5.0e-8); here on samples, a dense walk over [-3, 3] and edges.
 */
class RationalTanhTest {
    private static final double LIMIT = 1e-7;

    @Test
    void withinLimitOnSamplesAndEdges() {
        SplittableRandom random = new SplittableRandom(11);
        float[] x = new float[4_000_000];
        int n = 0;
        for (int i = 0; i < 2_000_000; i++) {
            x[n++] = i < 1_000_000 ? (float) random.nextDouble(-30, 30) : (float) random.nextDouble(-3, 3);
        }
        for (float v = -3f; v <= 3f; v = Math.nextUp(v) + 3e-6f) {
            x[n++] = v;
        }
        for (float v : new float[] {0f, 0.55f, 1.1713239f, 2.2429523f, 1e-30f, Float.MIN_VALUE, 9f, 18f, 36f, 88f, 1e30f}) {
            x[n++] = v;
            x[n++] = -v;
        }
        float[] tanh = java.util.Arrays.copyOf(x, n);
        float[] sigmoid = tanh.clone();
        RationalTanh.tanh(tanh, 0, n);
        RationalTanh.sigmoid(sigmoid, 0, n);
        for (int i = 0; i < n; i++) {
            float v = x[i];
            double exactTanh = Math.tanh(v);
            double exactSigmoid = 1 / (1 + Math.exp(-(double) v));
            float t = tanh[i];
            float s = sigmoid[i];
            assertTrue(Math.abs(t - exactTanh) <= LIMIT, () -> "tanh(" + v + ") = " + t + ", exact " + exactTanh);
            assertTrue(Math.abs(s - exactSigmoid) <= LIMIT, () -> "sigmoid(" + v + ") = " + s + ", exact " + exactSigmoid);
        }
    }

    @Test
    void edgeValues() {
        float inf = Float.POSITIVE_INFINITY;
        float[] t = {inf, -inf, Float.NaN, 0f};
        float[] s = t.clone();
        RationalTanh.tanh(t, 0, 4);
        RationalTanh.sigmoid(s, 0, 4);
        assertArrayEquals(new float[] {1f, -1f, Float.NaN, 0f}, t);
        assertArrayEquals(new float[] {1f, s[1], Float.NaN, 0.5f}, s);
        assertTrue(s[1] >= 0 && s[1] < 1e-13, "sigmoid(-inf) = " + s[1]);
    }

    @Test
    void eachFunctionsNAndBFollowFromItsScale() {
        assertEquals(RationalTanh.TANH_N, 4f * RationalTanh.TANH_A);
        assertEquals(RationalTanh.TANH_B, 1f - 2f * RationalTanh.TANH_A);
        assertEquals(RationalTanh.SIGMOID_N, 4f * RationalTanh.SIGMOID_A);
        assertEquals(RationalTanh.SIGMOID_B, 1f - 2f * RationalTanh.SIGMOID_A);
    }

    @Test
    void lstmGatesApplySigmoidAndTanhPerBlock() {
        int units = 5;
        float[] v = new float[4 * units];
        for (int j = 0; j < v.length; j++) {
            v[j] = j * 0.37f - 3.1f;
        }
        float[] want = v.clone();
        RationalTanh.sigmoid(want, 0, 2 * units);
        RationalTanh.tanh(want, 2 * units, 3 * units);
        RationalTanh.sigmoid(want, 3 * units, 4 * units);
        RationalTanh.apply(v, v.length, RationalTanh.lstmGates(units));
        assertArrayEquals(want, v);
    }
}
