package io.keras4j.runtime.ops;

/**
 * The discrete Fourier transform of one length n in double, over a table of {@code cos} and {@code sin} of
 * {@code 2πj / n}: {@code X[k] = Σ x[j]·e^(∓2πi·jk/n)} (the sign + for the inverse, which is not divided by n), by
 * radix-2 butterflies where n is a power of two, else summed directly (O(n²)). The ops that use it round its results to
 * float; in double they are the exact transform's to far below float's precision.
 */
final class DoubleDft {
    private final int n;
    private final double[] cos;
    private final double[] sin;
    /** For a power-of-two n, each index's bit reversal (where the FFT reads it), else null. */
    private final int[] reversed;

    DoubleDft(int n) {
        this.n = n;
        cos = new double[n];
        sin = new double[n];
        for (int j = 0; j < n; j++) {
            cos[j] = Math.cos(2 * Math.PI * j / n);
            sin[j] = Math.sin(2 * Math.PI * j / n);
        }
        reversed = Integer.bitCount(n) == 1 ? new int[n] : null;
        for (int j = 0; reversed != null && j < n; j++) {
            reversed[j] = Integer.reverse(j) >>> Integer.numberOfLeadingZeros(n) + 1;
        }
    }

    /** The transform's length. */
    int length() {
        return n;
    }

    /**
     * The transform of the signal {@code z[2n, 3n) + i·z[3n, 4n)}: the first {@code bins} bins' real parts into
     * {@code z[0, bins)}, their imaginary parts into {@code z[n, n + bins)} (all n with the FFT).
     */
    void transform(double[] z, boolean inverse, int bins) {
        double direction = inverse ? 1 : -1;
        if (reversed == null) {
            for (int k = 0; k < bins; k++) {
                double re = 0;
                double im = 0;
                int angle = 0;
                for (int j = 0; j < n; j++) {
                    double s = direction * sin[angle];
                    re += z[2 * n + j] * cos[angle] - z[3 * n + j] * s;
                    im += z[2 * n + j] * s + z[3 * n + j] * cos[angle];
                    angle += k;
                    if (angle >= n) {
                        angle -= n;
                    }
                }
                z[k] = re;
                z[n + k] = im;
            }
            return;
        }
        for (int j = 0; j < n; j++) {
            z[reversed[j]] = z[2 * n + j];
            z[n + reversed[j]] = z[3 * n + j];
        }
        for (int size = 2; size <= n; size *= 2) {
            int half = size / 2;
            int step = n / size;
            for (int start = 0; start < n; start += size) {
                for (int j = 0; j < half; j++) {
                    double wr = cos[j * step];
                    double wi = direction * sin[j * step];
                    int a = start + j;
                    int b = a + half;
                    double tr = z[b] * wr - z[n + b] * wi;
                    double ti = z[b] * wi + z[n + b] * wr;
                    z[b] = z[a] - tr;
                    z[n + b] = z[n + a] - ti;
                    z[a] += tr;
                    z[n + a] += ti;
                }
            }
        }
    }
}
