package io.keras4j.importer.keras.layers;

import io.keras4j.runtime.math.GlibcLog;

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
            mel[i] = 1127f * (i < packed ? eigenLog(x) : GlibcLog.log(x));
        }
        return mel;
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
