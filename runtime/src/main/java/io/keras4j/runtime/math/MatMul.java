package io.keras4j.runtime.math;

/** Dense matrix products on row-major float arrays. */
public final class MatMul {
    private MatMul() {
    }

    /**
     * {@code c[m][n] = a[m][k] · b[k][n] + bias[n]} (bias may be null), all row-major starting at the given
     * offsets, by {@link Kernels#gemm}.
     */
    public static void multiply(float[] a, int aOff, float[] b, float[] bias, float[] c, int cOff, int m, int k, int n) {
        Kernels.get().gemm(a, aOff, m, k, b, bias, c, cOff, n);
    }

    /** {@code y[yOff..yOff+n) += alpha · x[xOff..xOff+n)}. */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int j = 0; j < n; j++) {
            y[yOff + j] += alpha * x[xOff + j];
        }
    }
}
