package io.keras4j.runtime.math;

/** Dense matrix products on row-major float arrays. */
public final class MatMul {
    private MatMul() {
    }

    /** {@code b [k][n]} (row-major) in the layout {@link #multiply} reads: {@link Kernels#packGemm}. */
    public static float[] pack(float[] b, int k, int n) {
        return Kernels.get().packGemm(b, k, n);
    }

    /** {@code b [k][n]} (row-major, from {@code bOff}) packed as {@link #pack} does, into {@code packed}'s first k·n values. */
    public static void pack(float[] b, int bOff, int k, int n, float[] packed) {
        Kernels.get().packGemm(b, bOff, k, n, packed);
    }

    /** A new row-major {@code [k][n]} array of a matrix made by {@link #pack}. */
    public static float[] unpack(float[] packed, int k, int n) {
        return Kernels.get().unpackGemm(packed, k, n);
    }

    /**
     * {@code c[m][n] = a[m][k] · b[k][n] + bias[n]} (bias may be null), a and c row-major starting at the given
     * offsets, b made by {@link #pack}, by {@link Kernels#gemm}.
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
