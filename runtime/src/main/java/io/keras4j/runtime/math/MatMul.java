package io.keras4j.runtime.math;

/** Dense matrix products on row-major float arrays. */
public final class MatMul {
    private static final int BLOCK_K = 256;

    private MatMul() {
    }

    /**
     * {@code c[m][n] = a[m][k] · b[k][n] + bias[n]} (bias may be null), all row-major starting at the given
     * offsets. The inner loop runs along rows of {@code b}, which the JIT vectorizes.
     */
    public static void multiply(float[] a, int aOff, float[] b, float[] bias, float[] c, int cOff, int m, int k, int n) {
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
                    axpy(a[ai + p], b, p * n, c, ci, n);
                }
            }
        }
    }

    /** {@code y[yOff..yOff+n) += alpha · x[xOff..xOff+n)}. */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int j = 0; j < n; j++) {
            y[yOff + j] += alpha * x[xOff + j];
        }
    }
}
