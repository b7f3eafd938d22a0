package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.math.GlibcTrig;

/**
 * The discrete Fourier transform of one length n, computed as ONNX Runtime's CPU kernel computes it in float32 (its
 * dft.cc), so that keras4j's results are ONNX Runtime's bit for bit rather than the exact transform's: a radix-2 FFT
 * when n is a power of two, else Bluestein's chirp-z algorithm on radix-2 FFTs of the next power of two M ≥ 2n - 1.
 * Both read their twiddles {@code e^(∓2πi·k/n)} from glibc's {@code cosf}/{@code sinf} of the float angle
 * {@code k·(∓2π/n)}, and the chirp {@code e^(∓πi·k²/n)} likewise, so for large n the phases carry float rounding
 * (ONNX Runtime's transform of 400 random samples is 6e-3 from the exact one; keras4j's is the same).
 * A complex value is a pair of floats; complex products are {@code (ac - bd, ad + bc)}, each operation rounded.
 */
final class FloatDft {
    private static final float PI = (float) Math.PI;

    private final int n;
    private final boolean inverse;
    /** The FFT's length: n, or Bluestein's M. */
    private final int fftLength;
    /** Twiddles of fftLength at bit-reversed positions, as ONNX Runtime's table V: real, imaginary. */
    private final float[] twiddleRe;
    private final float[] twiddleIm;
    /** For Bluestein: the chirp (n entries); else null. */
    private final float[] chirpRe;
    private final float[] chirpIm;
    /** For Bluestein: the FFT of the chirp's mirrored conjugate, real then imaginary ({@code [2M]}); else null. */
    private final float[] kernel;

    /** @param inverse the inverse transform, divided by n */
    FloatDft(int n, boolean inverse) {
        this.n = n;
        this.inverse = inverse;
        boolean radix2 = Integer.bitCount(n) == 1;
        fftLength = fftLength(n);
        // Bluestein's FFTs are forward ones; ONNX Runtime builds its table once, on the first (forward) call.
        twiddleRe = new float[fftLength];
        twiddleIm = new float[fftLength];
        float velocity = (radix2 && inverse ? 1f : -1f) * (2 * PI) / fftLength;
        for (int i = 0; i < fftLength; i++) {
            float angle = i * velocity;
            int at = reverse(i, fftLength);
            twiddleRe[at] = GlibcTrig.cos(angle);
            twiddleIm[at] = GlibcTrig.sin(angle);
        }
        if (radix2) {
            chirpRe = chirpIm = kernel = null;
            return;
        }
        chirpRe = new float[n];
        chirpIm = new float[n];
        float[] mirrored = new float[2 * fftLength];
        float direction = inverse ? 1f : -1f;
        for (int k = 0; k < n; k++) {
            float exponent = direction * PI * k * k / n;
            chirpRe[k] = GlibcTrig.cos(exponent);
            chirpIm[k] = GlibcTrig.sin(exponent);
            mirrored[k] = chirpRe[k];
            mirrored[fftLength + k] = -chirpIm[k];
        }
        for (int k = fftLength - n + 1; k < fftLength; k++) {
            mirrored[k] = mirrored[fftLength - k];
            mirrored[fftLength + k] = mirrored[2 * fftLength - k];
        }
        kernel = new float[2 * fftLength];
        fft(mirrored, 0, fftLength, kernel, 0, fftLength);
    }

    /** The FFT length for a transform of length n: n when a power of two, else the least power of two ≥ 2n - 1. */
    private static int fftLength(int n) {
        return Integer.bitCount(n) == 1 ? n : Integer.highestOneBit(2 * n - 2) << 1;
    }

    /** Floats of scratch {@link #transform} needs for length n. */
    static int scratchSize(int n) {
        return 4 * fftLength(n);
    }

    /** The transform's length. */
    int length() {
        return n;
    }

    /**
     * Transforms {@code samples} values (the rest, up to n, zeros; beyond n, ignored) read at
     * {@code x[from + j·stride]} and, for a complex signal, their imaginary parts at {@code + 1}; each times
     * {@code window[j]} when a window is given.
     * Writes the first {@code bins} outputs, real and imaginary, to {@code y[to + k·yStride]} and {@code + 1}.
     */
    void transform(float[] x, int from, int stride, boolean complex, int samples, float[] window, float[] y, int to,
            int yStride, int bins, float[] scratch) {
        int m = fftLength;
        float[] re = scratch;
        int im = m;
        int kept = Math.min(samples, n);
        if (chirpRe == null) {
            for (int i = 0; i < m; i++) {
                int j = reverse(i, m);
                float w = window == null ? 1f : window[j];
                re[i] = j < kept ? x[from + j * stride] * w : 0f;
                re[im + i] = j < kept && complex ? x[from + j * stride + 1] * w : 0f;
            }
            butterflies(re, 0, im, m);
            for (int k = 0; k < bins; k++) {
                y[to + k * yStride] = inverse ? re[k] / m : re[k];
                y[to + k * yStride + 1] = inverse ? re[im + k] / m : re[im + k];
            }
            return;
        }
        // a = x·window·chirp, zero beyond n; its FFT times the kernel's; the inverse FFT of that by the same (forward)
        // twiddles, which leaves its outputs 1..M-1 in reverse order; then times the chirp.
        int aRe = 2 * m;
        int aIm = 3 * m;
        for (int j = 0; j < m; j++) {
            float xr = j < kept ? x[from + j * stride] : 0f;
            float xi = j < kept && complex ? x[from + j * stride + 1] : 0f;
            if (window != null && j < kept) {
                xr *= window[j];
                xi *= window[j];
            }
            float cr = j < n ? chirpRe[j] : 0f;
            float ci = j < n ? chirpIm[j] : 0f;
            scratch[aRe + j] = xr * cr - xi * ci;
            scratch[aIm + j] = xr * ci + xi * cr;
        }
        fft(scratch, aRe, aIm, re, 0, im);
        for (int i = 0; i < m; i++) {
            float ar = re[i];
            float ai = re[im + i];
            re[i] = ar * kernel[i] - ai * kernel[m + i];
            re[im + i] = ar * kernel[m + i] + ai * kernel[i];
        }
        fft(re, 0, im, scratch, aRe, aIm);
        float scale = inverse ? 1f / n : 1f;
        for (int k = 0; k < bins; k++) {
            int at = k == 0 ? 0 : m - k;
            float cr = scratch[aRe + at] / m;
            float ci = scratch[aIm + at] / m;
            y[to + k * yStride] = (cr * chirpRe[k] - ci * chirpIm[k]) * scale;
            y[to + k * yStride + 1] = (cr * chirpIm[k] + ci * chirpRe[k]) * scale;
        }
    }

    /** The forward FFT of length M of (src[re..], src[im..]) into (dst[dRe..], dst[dIm..]): loaded bit-reversed. */
    private void fft(float[] src, int re, int im, float[] dst, int dRe, int dIm) {
        for (int i = 0; i < fftLength; i++) {
            int j = reverse(i, fftLength);
            dst[dRe + i] = src[re + j];
            dst[dIm + i] = src[im + j];
        }
        butterflies(dst, dRe, dIm, fftLength);
    }

    /**
     * ONNX Runtime's butterflies in place on values loaded in bit-reversed order: for each size 2, 4, ..., m, the pair
     * (even, odd) becomes (even + V[first]·odd, even + V[second]·odd), V indexed by the bit reversals of k and
     * half + k within the size's bits.
     */
    private void butterflies(float[] z, int re, int im, int m) {
        int bits = 0;
        for (int size = 2; size <= m; size <<= 1) {
            int half = size >> 1;
            bits++;
            for (int k = 0; k < half; k++) {
                int first = Integer.reverse(k) >>> (32 - bits);
                int second = Integer.reverse(half + k) >>> (32 - bits);
                float fr = twiddleRe[first];
                float fi = twiddleIm[first];
                float sr = twiddleRe[second];
                float si = twiddleIm[second];
                for (int j = 0; j < m; j += size) {
                    int even = k + j;
                    int odd = even + half;
                    float er = z[re + even];
                    float ei = z[im + even];
                    float or = z[re + odd];
                    float oi = z[im + odd];
                    z[re + even] = er + (fr * or - fi * oi);
                    z[im + even] = ei + (fr * oi + fi * or);
                    z[re + odd] = er + (sr * or - si * oi);
                    z[im + odd] = ei + (sr * oi + si * or);
                }
            }
        }
    }

    /** i with its log2(m) low bits reversed. */
    private static int reverse(int i, int m) {
        return m == 1 ? 0 : Integer.reverse(i) >>> Integer.numberOfLeadingZeros(m) + 1;
    }
}
