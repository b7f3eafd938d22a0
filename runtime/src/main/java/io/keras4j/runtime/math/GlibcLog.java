package io.keras4j.runtime.math;

/**
 * glibc's single-precision {@code logf} (glibc 2.28 and later, from Arm's optimized-routines, MIT licence), bit for bit:
 * ONNX Runtime and TensorFlow call it where they take the log of one float, and it differs from the correctly rounded
 * {@code (float) Math.log(x)} on about 0.1% of arguments by one ulp. {@code x = 2^k·z} with z in [0.7, 1.4), then
 * {@code log1p(z/c - 1) + log(c) + k·ln 2} in double with a degree-3 polynomial around the centre c of z's sixteenth of
 * that range, rounded to float once.
 */
public final class GlibcLog {
    /** For each of 16 subintervals of [0.7, 1.4): 1/c at its centre c. */
    private static final double[] INV_C = {0x1.661ec79f8f3bep+0, 0x1.571ed4aaf883dp+0, 0x1.49539f0f010bp+0,
        0x1.3c995b0b80385p+0, 0x1.30d190c8864a5p+0, 0x1.25e227b0b8eap+0, 0x1.1bb4a4a1a343fp+0, 0x1.12358f08ae5bap+0,
        0x1.0953f419900a7p+0, 0x1p+0, 0x1.e608cfd9a47acp-1, 0x1.ca4b31f026aap-1, 0x1.b2036576afce6p-1,
        0x1.9c2d163a1aa2dp-1, 0x1.886e6037841edp-1, 0x1.767dcf5534862p-1};
    /** log(c) for the same centres. */
    private static final double[] LOG_C = {-0x1.57bf7808caadep-2, -0x1.2bef0a7c06ddbp-2, -0x1.01eae7f513a67p-2,
        -0x1.b31d8a68224e9p-3, -0x1.6574f0ac07758p-3, -0x1.1aa2bc79c81p-3, -0x1.a4e76ce8c0e5ep-4, -0x1.1973c5a611cccp-4,
        -0x1.252f438e10c1ep-5, 0x0p+0, 0x1.aa5aa5df25984p-5, 0x1.c5e53aa362eb4p-4, 0x1.526e57720db08p-3,
        0x1.bc2860d22477p-3, 0x1.1058bc8a07ee1p-2, 0x1.4043057b6ee09p-2};
    private static final double LN2 = 0x1.62e42fefa39efp-1;

    private GlibcLog() {
    }

    /** glibc's {@code logf(x)}: -∞ for ±0, NaN below zero and for NaN, +∞ for +∞. */
    public static float log(float x) {
        int ix = Float.floatToRawIntBits(x);
        if (ix == 0x3f800000) {
            return 0f;
        }
        if (ix - 0x00800000 >= 0x7f800000 - 0x00800000 || ix < 0x00800000) { // zero, subnormal, negative, infinite, NaN
            if ((ix & 0x7fffffff) == 0) {
                return Float.NEGATIVE_INFINITY;
            }
            if (ix == 0x7f800000) {
                return x;
            }
            if (ix < 0 || ix >= 0x7f800000) {
                return Float.NaN;
            }
            ix = Float.floatToRawIntBits(x * 0x1p23f) - (23 << 23); // subnormal: normalized, exponent lowered by 23
        }
        int tmp = ix - 0x3f330000;
        int i = (tmp >>> 19) % 16;
        int k = tmp >> 23;
        double z = Float.intBitsToFloat(ix - (tmp & 0xff800000));
        double r = z * INV_C[i] - 1;
        double y0 = LOG_C[i] + k * LN2;
        double r2 = r * r;
        double y = 0x1.5575b0be00b6ap-2 * r + -0x1.ffffef20a4123p-2;
        y = -0x1.00ea348b88334p-2 * r2 + y;
        y = y * r2 + (y0 + r);
        return (float) y;
    }
}
