package io.keras4j.runtime.math;

/**
 * Plain Java loops for JVMs without the Vector API. The inner loops are axpy runs over whole arrays from index 0,
 * the one form C2 (JDK 17) reliably vectorizes: with an offset into either array it gives up, which costs 5-7x.
 * Accumulators are per-thread arrays reused from call to call.
 */
final class ScalarKernels extends Kernels {
    /** Units of a panel at most, while there is a core for each panel: 128 LSTM units are gate rows of 2 KiB. */
    private static final int PANEL_UNITS = 128;
    /**
     * Fewest columns for which {@link #gemm} runs axpys: below, copies and loop set-up cost more than the arithmetic
     * (a Dense layer of 16 inputs and 1 output took 117 ns a call as axpys).
     */
    private static final int AXPY_COLUMNS = 16;
    private final int cores;
    private final ThreadLocal<float[][]> work = ThreadLocal.withInitial(() -> new float[0][]);

    /** Panels for this machine's cores (its count when the kernels load). */
    ScalarKernels() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** Panels for {@code cores} cores. */
    ScalarKernels(int cores) {
        this.cores = cores;
    }

    @Override
    public String name() {
        return "scalar";
    }

    /**
     * The fewest panels of at most {@link #PANEL_UNITS} units, but never more panels than there are cores (then they
     * are larger), the last one padded. Panels exist so that threads can split one sequence's recurrent weights; each
     * costs one thread the loop set-up of every axpy over it: LSTM 1024 in eight panels took 1.22-1.28x the time of one
     * on one thread, LSTM 256 and GRU 256 in two about 1.05x.
     */
    @Override
    public int panelUnits(int units) {
        int panels = Math.min(cores, (units - 1) / PANEL_UNITS + 1);
        return (units - 1) / panels + 1;
    }

    /**
     * Panel by panel, one array per row k of the panel's gate columns ({@code [k][gates·pu]}, row {@code p·units + k});
     * for an LSTM, then the activation scales of a panel's gate row from {@link RationalTanh#lstmGates}.
     */
    @Override
    public float[][] packRecurrent(float[] w, int units, int gates) {
        int pu = panelUnits(units);
        int panels = paddedUnits(units) / pu;
        float[] columns = packColumns(w, units, gates, units);
        int width = gates * panels * pu;
        float[][] rows = new float[panels * units + (gates == 4 ? 1 : 0)][];
        for (int p = 0; p < panels; p++) {
            for (int k = 0; k < units; k++) {
                int from = k * width + p * gates * pu;
                rows[p * units + k] = java.util.Arrays.copyOfRange(columns, from, from + gates * pu);
            }
        }
        if (gates == 4) {
            rows[panels * units] = RationalTanh.lstmGates(pu);
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
    public void packGemm(float[] b, int bOff, int k, int n, float[] packed) {
        System.arraycopy(b, bOff, packed, 0, k * n);
    }

    @Override
    public float[] unpackGemm(float[] packed, int k, int n) {
        return packed.clone();
    }

    /**
     * Rows of c in blocks of 8: each b row is copied to a scratch array once per block, accumulators start at the bias
     * (or 0).
     * Under {@link #AXPY_COLUMNS} columns, one sum per element instead, with the same operations in the same order.
     */
    @Override
    public void gemm(float[] a, int aOff, int m, int k, float[] b, float[] bias, float[] c, int cOff, int n) {
        if (n < AXPY_COLUMNS) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float sum = bias == null ? 0f : bias[j];
                    for (int p = 0; p < k; p++) {
                        sum += a[aOff + i * k + p] * b[p * n + j];
                    }
                    c[cOff + i * n + j] = sum;
                }
            }
            return;
        }
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
        int pu = panelUnits(units);
        float[] scales = r[r.length - 1];
        float[][] acc = work(rows, 4 * pu);
        for (int i = p0; i < p1; i++) {
            int p = panel(i, p0, p1, descending);
            int j0 = p * pu;
            for (int b = 0; b < rows; b++) {
                System.arraycopy(s, zOff + b * zStride + 4 * j0, acc[b], 0, 4 * pu);
            }
            addRecurrent(r, p * units, units, s, hOff, stride, rows, acc, 4 * pu);
            for (int b = 0; b < rows; b++) {
                float[] z = acc[b];
                int c = cOff + b * stride + j0;
                int h = hNextOff + b * stride + j0;
                RationalTanh.apply(z, 4 * pu, scales);
                for (int j = 0; j < pu; j++) {
                    float cj = Math.fma(z[pu + j], s[c + j], z[j] * z[2 * pu + j]);
                    s[c + j] = cj;
                    z[2 * pu + j] = cj;
                }
                RationalTanh.tanh(z, 2 * pu, 3 * pu);
                for (int j = 0; j < pu; j++) {
                    s[h + j] = z[3 * pu + j] * z[2 * pu + j];
                }
            }
        }
    }

    @Override
    public void gru(float[][] r, float[] rb, int units, float[] s, int zOff, int zStride, int hOff, int hNextOff,
                    int stride, int rows, int p0, int p1, boolean descending) {
        int pu = panelUnits(units);
        float[][] acc = work(rows, 3 * pu);
        for (int i = p0; i < p1; i++) {
            int p = panel(i, p0, p1, descending);
            int j0 = p * pu;
            for (int b = 0; b < rows; b++) {
                System.arraycopy(s, zOff + b * zStride + 3 * j0, acc[b], 0, 2 * pu);
                System.arraycopy(rb, j0, acc[b], 2 * pu, pu);
            }
            addRecurrent(r, p * units, units, s, hOff, stride, rows, acc, 3 * pu);
            for (int b = 0; b < rows; b++) {
                float[] a = acc[b];
                int z = zOff + b * zStride + 3 * j0;
                int h = hOff + b * stride + j0;
                int hn = hNextOff + b * stride + j0;
                RationalTanh.sigmoid(a, 0, 2 * pu);
                for (int j = 0; j < pu; j++) {
                    a[2 * pu + j] = Math.fma(a[pu + j], a[2 * pu + j], s[z + 2 * pu + j]);
                }
                RationalTanh.tanh(a, 2 * pu, 3 * pu);
                for (int j = 0; j < pu; j++) {
                    s[hn + j] = Math.fma(a[j], s[h + j] - a[2 * pu + j], a[2 * pu + j]);
                }
            }
        }
    }

    /** {@code acc[b][0, n) += h_b · r} for each row b, over rows {@code [first, first + count)} of r, four per pass. */
    private static void addRecurrent(float[][] r, int first, int count, float[] s, int hOff, int stride, int rows,
                                     float[][] acc, int n) {
        int k = 0;
        for (; k + 3 < count; k += 4) {
            for (int b = 0; b < rows; b++) {
                int h = hOff + b * stride + k;
                int q = first + k;
                axpy4(s[h], r[q], s[h + 1], r[q + 1], s[h + 2], r[q + 2], s[h + 3], r[q + 3], acc[b], n);
            }
        }
        for (; k < count; k++) {
            for (int b = 0; b < rows; b++) {
                axpy(s[hOff + b * stride + k], r[first + k], acc[b], n);
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
