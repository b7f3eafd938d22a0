package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;

/**
 * For each square matrix in the last two axes of x {@code [..., n, n]}, in double, rounded once:
 * <ul>
 * <li>{@link Kind#FACTOR}: the Cholesky factor L of {@code x = L·Lᵀ}, read from x's lower triangle (the upper one
 * ignored, as TensorFlow's), zero above the diagonal, or with {@code upper} its transpose; all NaN where x is not
 * positive definite;</li>
 * <li>{@link Kind#INVERSE}: x a Cholesky factor (its lower triangle L, or with {@code upper} its upper triangle U, the
 * other ignored), the inverse of the matrix it factors, {@code L⁻ᵀ·L⁻¹} or {@code U⁻¹·U⁻ᵀ}.</li>
 * </ul>
 */
public final class Cholesky implements Op {
    /** What is computed. */
    public enum Kind { FACTOR, INVERSE }

    private final Kind kind;
    private final boolean upper;
    private final DoubleScratch matrices = new DoubleScratch();
    private final DoubleScratch inverses = new DoubleScratch();

    public Cholesky(Kind kind, boolean upper) {
        this.kind = kind;
        this.upper = upper;
    }

    @Override
    public String type() {
        return "Cholesky";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("kind", kind.name()).attr("upper", upper).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Cholesky fromSpec(OpSpec s) {
        return new Cholesky(s.enumAttr("kind", Kind.class), s.boolAttr("upper"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        MatrixFactors.order(x, "the input");
        return new int[][] {x.clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        int n = x[x.length - 1];
        double[] a = matrices.get(n * n);
        double[] w = inverses.get(n * n);
        float[] y = outputs[0];
        for (int m = 0; m < Shapes.product(x, 0, x.length - 2); m++) {
            MatrixFactors.load(inputs[0], m, n, a);
            if (kind == Kind.INVERSE) {
                inverse(a, n, w, y, m * n * n);
                continue;
            }
            boolean definite = MatrixFactors.cholesky(a, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    y[(m * n + i) * n + j] = definite ? (float) (upper ? a[j * n + i] : a[i * n + j]) : Float.NaN;
                }
            }
        }
    }

    /**
     * Writes to {@code y[at, at + n²)} the inverse of {@code T·Tᵀ} (T lower) or {@code Tᵀ·T} (T upper), T the factor in
     * a's triangle: W, T's inverse solved from the identity as TensorFlow's triangular_solve, then {@code Wᵀ·W} or
     * {@code W·Wᵀ}.
     */
    private void inverse(double[] a, int n, double[] w, float[] y, int at) {
        for (int i = 0; i < n * n; i++) {
            w[i] = i % (n + 1) == 0 ? 1 : 0;
        }
        MatrixFactors.substitute(a, n, !upper, false, w, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += upper ? w[i * n + k] * w[j * n + k] : w[k * n + i] * w[k * n + j];
                }
                y[at + i * n + j] = (float) s;
            }
        }
    }
}
