package io.keras4j.runtime.math;

/**
 * tanh and the logistic sigmoid of the vector kernels, in float arithmetic, within 1e-7 of the exact functions:
 * {@link VectorKernels} evaluates them lane by lane with these constants, and the methods here are the same steps
 * for one float, which {@code FastTanhTest} checks. For {@code |x| < 0.4} an odd Taylor polynomial to x^15;
 * above, {@code (1 - e) / (1 + e)} with {@code e = exp(-2|x|)} from a Cephes-style exp (Cody–Waite reduction,
 * degree-7 polynomial); {@code sigmoid(x) = 0.5 + 0.5·tanh(x/2)}. The scalar kernels use {@link RationalTanh}.
 */
final class FastTanh {
    /** Below this |x| the polynomial is used. */
    static final float SMALL = 0.4f;
    /** tanh is 1 in float beyond 9; clamping keeps exp's argument in range. */
    static final float CLAMP = 20f;
    /** Taylor coefficients of tanh(x)/x in x², from x² to x¹⁴. */
    static final float T3 = -1f / 3, T5 = 2f / 15, T7 = -17f / 315, T9 = 62f / 2835, T11 = -1382f / 155925,
            T13 = 21844f / 6081075, T15 = -929569f / 638512875;
    static final float LOG2E = 1.44269504088896341f;
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: adding it rounds to an integer held in the low mantissa bits. */
    static final float ROUNDER = 12582912f;
    static final float E2 = 5.0000001201e-1f, E3 = 1.6666665459e-1f, E4 = 4.1665795894e-2f,
            E5 = 8.3334519073e-3f, E6 = 1.3981999507e-3f, E7 = 1.9875691500e-4f;

    private FastTanh() {
    }

    static float tanh(float x) {
        float a = Math.abs(x);
        if (a < SMALL) {
            float x2 = x * x;
            float p = Math.fma(T15, x2, T13);
            p = Math.fma(p, x2, T11);
            p = Math.fma(p, x2, T9);
            p = Math.fma(p, x2, T7);
            p = Math.fma(p, x2, T5);
            p = Math.fma(p, x2, T3);
            return Math.fma(p * x2, x, x);
        }
        float e = expNonPositive(-2 * Math.min(a, CLAMP));
        return Math.copySign((1 - e) / (1 + e), x);
    }

    static float sigmoid(float x) {
        return Math.fma(0.5f, tanh(0.5f * x), 0.5f);
    }

    /** exp(t) for t in [-40, 0]. */
    static float expNonPositive(float t) {
        float shifted = Math.fma(t, LOG2E, ROUNDER);
        float n = shifted - ROUNDER;
        float r = Math.fma(n, -LN2_HI, t);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(E7, r, E6);
        p = Math.fma(p, r, E5);
        p = Math.fma(p, r, E4);
        p = Math.fma(p, r, E3);
        p = Math.fma(p, r, E2);
        float y = Math.fma(p, r * r, r) + 1;
        int scale = (Float.floatToRawIntBits(shifted) - Float.floatToRawIntBits(ROUNDER) + 127) << 23;
        return y * Float.intBitsToFloat(scale);
    }
}
