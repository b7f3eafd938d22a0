package io.keras4j.runtime.math;

/**
 * tanh and the logistic sigmoid in float arithmetic, within 1e-7 of the exact functions (largest error
 * 9e-8), in a form the vector kernels evaluate lane by lane with the same constants and no branch:
 * {@code tanh(x) = sign(x)·(1 - e) / (1 + e)} with {@code e = exp(-2|x|)} from a Cephes-style exp (Cody–Waite
 * reduction, degree-7 polynomial); {@code sigmoid(x) = 0.5 + 0.5·tanh(x/2)}. Near 0, {@code 1 - e} is exact
 * (Sterbenz), so the absolute error stays that of e, about 6e-8.
 */
final class FastTanh {
    /** tanh is 1 in float beyond 9; clamping keeps exp's argument in range. */
    static final float CLAMP = 20f;
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
        float e = expNonPositive(-2 * Math.min(Math.abs(x), CLAMP));
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
