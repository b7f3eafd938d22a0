package io.keras4j.runtime.math;

/** Plain Java loops, written so that C2 vectorizes the long axpy runs; one panel holds all units. */
final class ScalarKernels extends Kernels {
    private static final int BLOCK_K = 256;

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int panelUnits(int units) {
        return units;
    }

    @Override
    public void gemm(float[] a, int aOff, int m, int k, float[] b, float[] bias, float[] c, int cOff, int n) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            if (bias == null) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            } else {
                System.arraycopy(bias, 0, c, ci, n);
            }
        }
        for (int p0 = 0; p0 < k; p0 += BLOCK_K) {
            int p1 = Math.min(k, p0 + BLOCK_K);
            for (int i = 0; i < m; i++) {
                int ai = aOff + i * k;
                int ci = cOff + i * n;
                for (int p = p0; p < p1; p++) {
                    MatMul.axpy(a[ai + p], b, p * n, c, ci, n);
                }
            }
        }
    }

    @Override
    public void lstm(float[] r, int units, float[] s, int zOff, int zStride, int hOff, int hNextOff, int cOff,
                     int stride, int rows, int p0, int p1) {
        int u = units;
        recurrent(r, u, 4 * u, s, zOff, zStride, hOff, stride, rows);
        for (int b = 0; b < rows; b++) {
            int z = zOff + b * zStride;
            int c = cOff + b * stride;
            int h = hNextOff + b * stride;
            for (int j = 0; j < u; j++) {
                float i = FastTanh.sigmoid(s[z + j]);
                float f = FastTanh.sigmoid(s[z + u + j]);
                float g = FastTanh.tanh(s[z + 2 * u + j]);
                float o = FastTanh.sigmoid(s[z + 3 * u + j]);
                float cj = Math.fma(f, s[c + j], i * g);
                s[c + j] = cj;
                s[h + j] = o * FastTanh.tanh(cj);
            }
        }
    }

    @Override
    public void gru(float[] r, float[] rb, int units, float[] s, int zOff, int zStride, int hOff, int hNextOff,
                    int workOff, int stride, int rows, int p0, int p1) {
        int u = units;
        for (int b = 0; b < rows; b++) {
            System.arraycopy(rb, 0, s, workOff + b * stride, u);
        }
        for (int k = 0; k < u; k++) {
            for (int b = 0; b < rows; b++) {
                float hk = s[hOff + b * stride + k];
                MatMul.axpy(hk, r, k * 3 * u, s, zOff + b * zStride, 2 * u);
                MatMul.axpy(hk, r, k * 3 * u + 2 * u, s, workOff + b * stride, u);
            }
        }
        for (int b = 0; b < rows; b++) {
            int z = zOff + b * zStride;
            int w = workOff + b * stride;
            int h = hOff + b * stride;
            int hn = hNextOff + b * stride;
            for (int j = 0; j < u; j++) {
                float zg = FastTanh.sigmoid(s[z + j]);
                float rg = FastTanh.sigmoid(s[z + u + j]);
                float cand = FastTanh.tanh(Math.fma(rg, s[w + j], s[z + 2 * u + j]));
                s[hn + j] = Math.fma(zg, s[h + j] - cand, cand);
            }
        }
    }

    /** {@code z_b[0, n) += h_b · r} for each row b; r is {@code [units][n]}. */
    private static void recurrent(float[] r, int units, int n, float[] s, int zOff, int zStride, int hOff, int stride, int rows) {
        for (int k = 0; k < units; k++) {
            for (int b = 0; b < rows; b++) {
                MatMul.axpy(s[hOff + b * stride + k], r, k * n, s, zOff + b * zStride, n);
            }
        }
    }
}
