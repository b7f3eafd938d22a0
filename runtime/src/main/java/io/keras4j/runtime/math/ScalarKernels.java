package io.keras4j.runtime.math;

/**
 * Plain Java loops for JVMs without the Vector API; one panel holds all units. The inner loops are axpy runs
 * over whole arrays from index 0, the one form C2 (JDK 17) reliably vectorizes: with an offset into either
 * array it gives up, which costs 5-7x. Accumulators are per-thread arrays reused from call to call.
 */
final class ScalarKernels extends Kernels {
    private final ThreadLocal<float[][]> work = ThreadLocal.withInitial(() -> new float[0][]);

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int panelUnits(int units) {
        return units;
    }

    /**
     * One array per row of {@code [units][gates·units]}; for an LSTM, then the activation scales of its gate row
     * from {@link RationalTanh#lstmGates}.
     */
    @Override
    public float[][] packRecurrent(float[] w, int units, int gates) {
        float[][] rows = new float[gates == 4 ? units + 1 : units][];
        for (int k = 0; k < units; k++) {
            rows[k] = java.util.Arrays.copyOfRange(w, k * gates * units, (k + 1) * gates * units);
        }
        if (gates == 4) {
            rows[units] = RationalTanh.lstmGates(units);
        }
        return rows;
    }

    /** This thread's {@code count} arrays of at least {@code n} floats. */
    private float[][] work(int count, int n) {
        float[][] w = work.get();
        if (w.length < count || w[0].length < n) {
            w = new float[Math.max(count, w.length)][Math.max(n, w.length == 0 ? 0 : w[0].length)];
            work.set(w);
        }
        return w;
    }

    /** Row-major, as given. */
    @Override
    public float[] packGemm(float[] b, int k, int n) {
        return b;
    }

    @Override
    public float[] unpackGemm(float[] packed, int k, int n) {
        return packed.clone();
    }

    /** Rows of c in blocks of 8: each b row is copied to a scratch array once per block, accumulators start at 0. */
    @Override
    public void gemm(float[] a, int aOff, int m, int k, float[] b, float[] bias, float[] c, int cOff, int n) {
        float[][] w = work(9, n);
        float[] row = w[8];
        for (int i0 = 0; i0 < m; i0 += 8) {
            int rows = Math.min(8, m - i0);
            for (int i = 0; i < rows; i++) {
                if (bias == null) {
                    java.util.Arrays.fill(w[i], 0, n, 0f);
                } else {
                    System.arraycopy(bias, 0, w[i], 0, n);
                }
            }
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, p * n, row, 0, n);
                for (int i = 0; i < rows; i++) {
                    axpy(a[aOff + (i0 + i) * k + p], row, w[i], n);
                }
            }
            for (int i = 0; i < rows; i++) {
                System.arraycopy(w[i], 0, c, cOff + (i0 + i) * n, n);
            }
        }
    }

    @Override
    public void lstm(float[][] r, int units, float[] s, int zOff, int zStride, int hOff, int hNextOff, int cOff,
                     int stride, int rows, int p0, int p1, boolean descending) {
        int u = units;
        float[][] acc = recurrent(r, 4 * u, s, zOff, zStride, hOff, stride, rows, u);
        for (int b = 0; b < rows; b++) {
            float[] z = acc[b];
            int c = cOff + b * stride;
            int h = hNextOff + b * stride;
            RationalTanh.apply(z, 4 * u, r[u]);
            for (int j = 0; j < u; j++) {
                float cj = Math.fma(z[u + j], s[c + j], z[j] * z[2 * u + j]);
                s[c + j] = cj;
                z[2 * u + j] = cj;
            }
            RationalTanh.tanh(z, 2 * u, 3 * u);
            for (int j = 0; j < u; j++) {
                s[h + j] = z[3 * u + j] * z[2 * u + j];
            }
        }
    }

    @Override
    public void gru(float[][] r, float[] rb, int units, float[] s, int zOff, int zStride, int hOff, int hNextOff,
                    int stride, int rows, int p0, int p1, boolean descending) {
        int u = units;
        float[][] acc = work(rows, 3 * u);
        for (int b = 0; b < rows; b++) {
            System.arraycopy(s, zOff + b * zStride, acc[b], 0, 2 * u);
            System.arraycopy(rb, 0, acc[b], 2 * u, u);
        }
        addRecurrent(r, u, s, hOff, stride, rows, acc, 3 * u);
        for (int b = 0; b < rows; b++) {
            float[] a = acc[b];
            int z = zOff + b * zStride;
            int h = hOff + b * stride;
            int hn = hNextOff + b * stride;
            RationalTanh.sigmoid(a, 0, 2 * u);
            for (int j = 0; j < u; j++) {
                a[2 * u + j] = Math.fma(a[u + j], a[2 * u + j], s[z + 2 * u + j]);
            }
            RationalTanh.tanh(a, 2 * u, 3 * u);
            for (int j = 0; j < u; j++) {
                s[hn + j] = Math.fma(a[j], s[h + j] - a[2 * u + j], a[2 * u + j]);
            }
        }
    }

    /** Per row b: the projection row plus {@code h_b · r}, in this thread's accumulators. */
    private float[][] recurrent(float[][] r, int n, float[] s, int zOff, int zStride, int hOff, int stride, int rows, int units) {
        float[][] acc = work(rows, n);
        for (int b = 0; b < rows; b++) {
            System.arraycopy(s, zOff + b * zStride, acc[b], 0, n);
        }
        addRecurrent(r, units, s, hOff, stride, rows, acc, n);
        return acc;
    }

    /** {@code acc[b][0, n) += h_b · r} for each row b, four rows of r per pass over the accumulators. */
    private static void addRecurrent(float[][] r, int units, float[] s, int hOff, int stride, int rows, float[][] acc, int n) {
        int k = 0;
        for (; k + 3 < units; k += 4) {
            for (int b = 0; b < rows; b++) {
                int h = hOff + b * stride + k;
                axpy4(s[h], r[k], s[h + 1], r[k + 1], s[h + 2], r[k + 2], s[h + 3], r[k + 3], acc[b], n);
            }
        }
        for (; k < units; k++) {
            for (int b = 0; b < rows; b++) {
                axpy(s[hOff + b * stride + k], r[k], acc[b], n);
            }
        }
    }

    /** {@code y[0, n) += a0 · x0[0, n) + ... + a3 · x3[0, n)}, fused. */
    private static void axpy4(float a0, float[] x0, float a1, float[] x1, float a2, float[] x2, float a3, float[] x3, float[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] = Math.fma(a3, x3[j], Math.fma(a2, x2[j], Math.fma(a1, x1[j], Math.fma(a0, x0[j], y[j]))));
        }
    }

    /** {@code y[0, n) += alpha · x[0, n)}. */
    private static void axpy(float alpha, float[] x, float[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += alpha * x[j];
        }
    }
}
