package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import java.util.Arrays;

/**
 * The determinant of each square matrix in the last two axes of x {@code [..., n, n]}, computed in double and rounded
 * once: output {@code [...]}.
 * <ul>
 * <li>{@link Kind#DET}: the product of the pivots of the LU factorization with partial pivoting, signed by the row
 * swaps (0 where a pivot is);</li>
 * <li>{@link Kind#SIGN_LOG_ABS}: two outputs, its sign (-1, 0 or 1) and the logarithm of its magnitude (-infinity where
 * it is 0), as numpy's slogdet;</li>
 * <li>{@link Kind#LOG_CHOLESKY}: the logarithm of the determinant of a positive definite matrix,
 * {@code 2·Σ log L[i][i]} of its Cholesky factor L, read from its lower triangle; NaN where it is not positive
 * definite, as TensorFlow's logdet.</li>
 * </ul>
 */
public final class Determinant implements Op {
    /** What is computed. */
    public enum Kind { DET, SIGN_LOG_ABS, LOG_CHOLESKY }

    private final Kind kind;
    private final DoubleScratch buffers = new DoubleScratch();

    public Determinant(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String type() {
        return "Determinant";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("kind", kind.name()).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Determinant fromSpec(OpSpec s) {
        return new Determinant(s.enumAttr("kind", Kind.class));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        MatrixFactors.order(x, "the input");
        int[] y = Arrays.copyOf(x, x.length - 2);
        return kind == Kind.SIGN_LOG_ABS ? new int[][] {y, y.clone()} : new int[][] {y};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        int n = x[x.length - 1];
        double[] a = buffers.get(n * n);
        for (int m = 0; m < Shapes.product(x, 0, x.length - 2); m++) {
            MatrixFactors.load(inputs[0], m, n, a);
            if (kind == Kind.LOG_CHOLESKY) {
                boolean definite = MatrixFactors.cholesky(a, n);
                double log = 0;
                for (int i = 0; i < n; i++) {
                    log += Math.log(a[i * n + i]);
                }
                outputs[0][m] = definite ? (float) (2 * log) : Float.NaN;
                continue;
            }
            double det = MatrixFactors.lu(a, n, null, 0);
            double log = 0;
            for (int i = 0; i < n; i++) {
                double u = a[i * n + i];
                det *= u;
                log += Math.log(Math.abs(u));
            }
            if (kind == Kind.DET) {
                outputs[0][m] = (float) det;
            } else {
                outputs[0][m] = (float) Math.signum(det);
                outputs[1][m] = det == 0 ? Float.NEGATIVE_INFINITY : (float) log;
            }
        }
    }
}
