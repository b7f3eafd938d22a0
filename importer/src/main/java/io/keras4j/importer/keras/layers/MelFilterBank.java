package io.keras4j.importer.keras.layers;

/**
 * Keras MelSpectrogram's {@code linear_to_mel_weight_matrix} computed in float32 with the operations TensorFlow runs
 * (keras/src/layers/preprocessing/mel_spectrogram.py): HTK mel {@code 1127·log(1 + f/700)}, the bins' frequencies and
 * the band edges as {@code tf.linspace} spaces them, triangles {@code max(0, min(lower slope, upper slope))}, the DC row
 * zero. Its {@code log} is TensorFlow's: Eigen's float {@code plog} on whole packets of 8 (an AVX build), the C library's
 * {@code logf} (glibc 2.28 and later) on the elements after the last whole packet and on scalars; the matrix then equals
 * Keras' bit for bit (checked on 13 configurations; a correctly rounded log moves weights by up to 2e-5).
 */
final class MelFilterBank {
    /** Eigen's packet of floats in TensorFlow's AVX build. */
    private static final int PACKET = 8;

    private MelFilterBank() {
    }

    /** The matrix {@code [bins][melBins]}, row-major. */
    static float[] matrix(int melBins, int bins, float samplingRate, float lowerHertz, float upperHertz) {
        float[] binMel = mel(linspace(0f, samplingRate / 2f, bins), 1);
        float[] edges = linspace(mel(new float[] {lowerHertz}, 0)[0], mel(new float[] {upperHertz}, 0)[0], melBins + 2);
        float[] w = new float[bins * melBins];
        for (int k = 1; k < bins; k++) {
            for (int m = 0; m < melBins; m++) {
                float lower = (binMel[k - 1] - edges[m]) / (edges[m + 1] - edges[m]);
                float upper = (edges[m + 2] - binMel[k - 1]) / (edges[m + 2] - edges[m + 1]);
                w[k * melBins + m] = Math.max(0f, Math.min(lower, upper));
            }
        }
        return w;
    }

    /** {@code tf.linspace(start, stop, n)}: {@code start + i·step}, the last exactly {@code stop}. */
    private static float[] linspace(float start, float stop, int n) {
        float[] v = new float[n];
        float step = (stop - start) / (n - 1);
        for (int i = 0; i < n - 1; i++) {
            v[i] = start + step * i;
        }
        v[n - 1] = stop;
        return v;
    }

    /** {@code 1127·log(1 + f/700)} of {@code hertz[from..]} as one tensor, in float32. */
    private static float[] mel(float[] hertz, int from) {
        int n = hertz.length - from;
        float[] mel = new float[n];
        int packed = n / PACKET * PACKET;
        for (int i = 0; i < n; i++) {
            float x = 1f + hertz[from + i] / 700f;
            mel[i] = 1127f * (i < packed ? eigenLog(x) : glibcLog(x));
        }
        return mel;
    }

    /** glibc's {@code logf} table: for each of 16 subintervals of [0.7, 1.4), 1/c and log(c) at its centre c. */
    private static final double[] INV_C = {0x1.661ec79f8f3bep+0, 0x1.571ed4aaf883dp+0, 0x1.49539f0f010bp+0,
        0x1.3c995b0b80385p+0, 0x1.30d190c8864a5p+0, 0x1.25e227b0b8eap+0, 0x1.1bb4a4a1a343fp+0, 0x1.12358f08ae5bap+0,
        0x1.0953f419900a7p+0, 0x1p+0, 0x1.e608cfd9a47acp-1, 0x1.ca4b31f026aap-1, 0x1.b2036576afce6p-1,
        0x1.9c2d163a1aa2dp-1, 0x1.886e6037841edp-1, 0x1.767dcf5534862p-1};
    private static final double[] LOG_C = {-0x1.57bf7808caadep-2, -0x1.2bef0a7c06ddbp-2, -0x1.01eae7f513a67p-2,
        -0x1.b31d8a68224e9p-3, -0x1.6574f0ac07758p-3, -0x1.1aa2bc79c81p-3, -0x1.a4e76ce8c0e5ep-4, -0x1.1973c5a611cccp-4,
        -0x1.252f438e10c1ep-5, 0x0p+0, 0x1.aa5aa5df25984p-5, 0x1.c5e53aa362eb4p-4, 0x1.526e57720db08p-3,
        0x1.bc2860d22477p-3, 0x1.1058bc8a07ee1p-2, 0x1.4043057b6ee09p-2};

    /**
     * glibc's {@code logf} (from ARM's optimized routines) for a positive normal x: x = 2^k·z with z in [0.7, 1.4), then
     * {@code log1p(z/c - 1) + log(c) + k·ln 2} in double with a degree-3 polynomial, rounded to float once.
     */
    static float glibcLog(float x) {
        int ix = Float.floatToRawIntBits(x);
        if (ix == 0x3f800000) {
            return 0f;
        }
        int tmp = ix - 0x3f330000;
        int i = (tmp >>> 19) % 16;
        int k = tmp >> 23;
        double z = Float.intBitsToFloat(ix - (tmp & 0xff800000));
        double r = z * INV_C[i] - 1;
        double y0 = LOG_C[i] + k * 0x1.62e42fefa39efp-1;
        double r2 = r * r;
        double y = 0x1.5575b0be00b6ap-2 * r + -0x1.ffffef20a4123p-2;
        y = -0x1.00ea348b88334p-2 * r2 + y;
        y = y * r2 + (y0 + r);
        return (float) y;
    }

    /**
     * Eigen's {@code plog_impl_float} for a positive finite x: the mantissa in [sqrt(1/2), sqrt(2)) minus 1, a rational
     * (3, 3) approximation of {@code log1p} on it, plus the exponent times ln 2; every step rounded to float, no fused
     * multiply-add.
     */
    static float eigenLog(float x) {
        int e = Math.getExponent(x) + 1;
        float m = x / (float) Math.scalb(1.0, e);
        if (m < 0.707106781186547524f) {
            e -= 1;
            m = m + m - 1f;
        } else {
            m = m - 1f;
        }
        float p = 0.18256296349849254f;
        p = p * m + 1.0000000190281063f;
        p = p * m + 1.0000000190281136f;
        p = m * p;
        float q = 0.049616247954120038f;
        q = q * m + 0.59923249590823520f;
        q = q * m + 1.4999999999999927f;
        q = q * m + 1.0f;
        return e * (float) Math.log(2) + p / q;
    }
}
