package io.keras4j.runtime.math;

/**
 * tanh and the logistic sigmoid in place over a range of a float array, within 1e-7 of the exact functions,
 * in branch-free loops of float multiplies, fmas, divisions and clamps that C2's superword pass vectorizes
 * (no exp, no bit tricks): the scalar kernels' activations. {@link VectorKernels} runs the same float operations
 * lane by lane on these constants, so both kernels give the same activations, bit for bit.
 *
 * <p>{@code s = tanh(x)} for {@code |x| <= 9.05} is {@code x - x·t·P(t)/Q(t)}, {@code t = x²}, P and Q a
 * relative minimax fit (degrees 4 and 3) of {@code (1 - tanh(x)/x)/t}; the inputs are clamped there, where s
 * rounds to 1. The output comes from the doubling formula {@code tanh(2x) = 2s/(1 + s²)}, which damps the
 * error of s by {@code (1 - s²)/(1 + s²)} as tanh nears ±1, with the rounding of {@code 1 + s²} and of the
 * division compensated (error-free products and sums through fma); {@code sigmoid(x) = 1/2 + s/(1 + s²)} with
 * {@code s = tanh(x/4)}. The largest error over every float in [-30, 30], against {@code Math.tanh} and
 * {@code 1/(1 + exp(-x))} in double: 6.7e-8 (tanh) and 5.0e-8 (sigmoid).
 *
 * <p>Each function runs as two loops, {@link #half} then {@link #doubled}, the same float operations in the same order
 * as one loop of both: over 64 floats (an LSTM 16 gate row) the two took 0.74x the time of one, over 1024 floats 0.70x
 * (JDK 17, pinned).
 */
final class RationalTanh {
    static final float CLAMP = 9.05f;
    static final float P0 = 3.333333e-1f, P1 = 2.1017706e-2f, P2 = 2.2599722e-4f, P3 = 1.4187503e-8f,
            P4 = -2.1598971e-11f;
    static final float Q1 = 4.6305296e-1f, Q2 = 2.3994599e-2f, Q3 = 2.3576093e-4f;
    /** a, n, b for tanh: {@code 2s/(1 + s²)}, {@code s = tanh(v/2)} ({@link #half} of {@code a·v}, then {@link #doubled}). */
    static final float TANH_A = 0.5f, TANH_N = 2f, TANH_B = 0f;
    /** a, n, b for the sigmoid: {@code 1/2 + s/(1 + s²)}, {@code s = tanh(v/4)}. */
    static final float SIGMOID_A = 0.25f, SIGMOID_N = 1f, SIGMOID_B = 0.5f;

    private RationalTanh() {
    }

    /** {@code v[j] = tanh(v[j])} for j in [from, to). */
    static void tanh(float[] v, int from, int to) {
        activate(v, from, to, TANH_A, TANH_N, TANH_B);
    }

    /** {@code v[j] = sigmoid(v[j])} for j in [from, to). */
    static void sigmoid(float[] v, int from, int to) {
        activate(v, from, to, SIGMOID_A, SIGMOID_N, SIGMOID_B);
    }

    /** {@code v[j] = n·s/(1 + s²) + b}, {@code s = tanh(a·v[j])}, for j in [from, to). */
    private static void activate(float[] v, int from, int to, float a, float n, float b) {
        for (int j = from; j < to; j++) {
            v[j] = half(a * v[j]);
        }
        for (int j = from; j < to; j++) {
            v[j] = doubled(v[j], n, b);
        }
    }

    /**
     * The scales of {@link #apply} for an LSTM gate row of {@code units} units (sigmoid, sigmoid, tanh, sigmoid), so
     * that one pass, long enough to be vectorized, covers all four gates.
     */
    static float[] lstmGates(int units) {
        float[] a = new float[4 * units];
        java.util.Arrays.fill(a, SIGMOID_A);
        java.util.Arrays.fill(a, 2 * units, 3 * units, TANH_A);
        return a;
    }

    /**
     * {@code v[j] = f_j(v[j])} for j in [0, count): tanh where {@code a[j]} is {@link #TANH_A}, the sigmoid where it
     * is {@link #SIGMOID_A}; both functions' n and b follow from a, exactly ({@code n = 4a}, {@code b = 1 - 2a}).
     */
    static void apply(float[] v, int count, float[] a) {
        for (int j = 0; j < count; j++) {
            v[j] = half(a[j] * v[j]);
        }
        for (int j = 0; j < count; j++) {
            float aj = a[j];
            v[j] = doubled(v[j], 4f * aj, 1f - 2f * aj);
        }
    }

    /** {@code s = tanh(av)}, the half-argument value that {@link #doubled} doubles; {@code VectorKernels.activate} mirrors both. */
    private static float half(float av) {
        float x = Math.max(-CLAMP, Math.min(CLAMP, av));
        float t = x * x;
        float p = Math.fma(Math.fma(Math.fma(Math.fma(P4, t, P3), t, P2), t, P1), t, P0);
        float q = Math.fma(Math.fma(Math.fma(Q3, t, Q2), t, Q1), t, 1f);
        return Math.fma(-(x * t), p / q, x);
    }

    /** {@code n·s/(1 + s²) + b}. */
    private static float doubled(float s, float n, float b) {
        float s2 = s * s;
        float d = 1f + s2;
        float dLow = ((1f - d) + s2) + Math.fma(s, s, -s2);
        float ns = n * s;
        float y = ns / d;
        float residual = Math.fma(-y, dLow, Math.fma(-y, d, ns));
        float hi = y + b;
        return Math.fma(residual, Math.fma(-0.5f, d, 1.5f), y - (hi - b)) + hi;
    }
}
