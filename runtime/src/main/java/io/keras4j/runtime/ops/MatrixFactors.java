package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;

/**
 * The factorizations and substitutions of the linear-algebra ops ({@link Determinant}, {@link LinearSolve},
 * {@link Cholesky}), on one n×n matrix held row-major in double, and their shape checks: a batch of square matrices in
 * the last two axes.
 */
final class MatrixFactors {
    private MatrixFactors() {
    }

    /** The order n of the square matrices in the last two axes of {@code shape} (-1 where unknown), checked. */
    static int order(int[] shape, String what) {
        int r = shape.length;
        if (r < 2 || shape[r - 1] >= 0 && shape[r - 2] >= 0 && shape[r - 1] != shape[r - 2]) {
            throw new IllegalArgumentException(what + " must hold square matrices in its last two axes but has shape "
                    + Shapes.toString(shape));
        }
        return Math.max(shape[r - 1], shape[r - 2]);
    }

    /** Copies matrix {@code m} of n×n floats at {@code x[m·n²]} into {@code a[0, n²)}. */
    static void load(float[] x, int m, int n, double[] a) {
        for (int i = 0; i < n * n; i++) {
            a[i] = x[m * n * n + i];
        }
    }

    /**
     * LU factorization with partial pivoting, as LAPACK's getrf: for each column the row of largest magnitude at or
     * below the diagonal (the first of equal ones) is swapped up, then eliminated below; a zero pivot eliminates
     * nothing. a becomes U on and above the diagonal and L's multipliers (its diagonal 1) below it; the rows of b (n rows
     * of k values, k 0 for none) are swapped as a's. Returns the permutation's sign, 1 or -1.
     */
    static int lu(double[] a, int n, double[] b, int k) {
        int sign = 1;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) {
                    p = r;
                }
            }
            if (p != c) {
                for (int j = 0; j < n; j++) {
                    double swap = a[c * n + j];
                    a[c * n + j] = a[p * n + j];
                    a[p * n + j] = swap;
                }
                for (int j = 0; j < k; j++) {
                    double swap = b[c * k + j];
                    b[c * k + j] = b[p * k + j];
                    b[p * k + j] = swap;
                }
                sign = -sign;
            }
            double pivot = a[c * n + c];
            for (int r = c + 1; pivot != 0 && r < n; r++) {
                double f = a[r * n + c] / pivot;
                a[r * n + c] = f;
                for (int j = c + 1; j < n; j++) {
                    a[r * n + j] -= f * a[c * n + j];
                }
            }
        }
        return sign;
    }

    /**
     * The Cholesky factor L of {@code a = L·Lᵀ}, read from a's lower triangle (its upper one ignored, as TensorFlow's):
     * a becomes L, zero above the diagonal. False where a is not positive definite (a pivot not above 0, or NaN).
     */
    static boolean cholesky(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * n + k] * a[j * n + k];
            }
            if (!(d > 0)) {
                return false;
            }
            double l = Math.sqrt(d);
            a[j * n + j] = l;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = s / l;
            }
            for (int k = j + 1; k < n; k++) {
                a[j * n + k] = 0;
            }
        }
        return true;
    }

    /**
     * Solves {@code T·X = B} in place for the k columns of B ({@code b[i·k + c]}, n rows), T the lower or upper triangle
     * of a (the other ignored), with a diagonal of ones where {@code unit} (L of {@link #lu}). A zero on the diagonal gives
     * infinities and NaN, as IEEE division does.
     */
    static void substitute(double[] a, int n, boolean lower, boolean unit, double[] b, int k) {
        for (int step = 0; step < n; step++) {
            int i = lower ? step : n - 1 - step;
            for (int c = 0; c < k; c++) {
                double s = b[i * k + c];
                for (int j = lower ? 0 : i + 1; j < (lower ? i : n); j++) {
                    s -= a[i * n + j] * b[j * k + c];
                }
                b[i * k + c] = unit ? s : s / a[i * n + i];
            }
        }
    }
}
