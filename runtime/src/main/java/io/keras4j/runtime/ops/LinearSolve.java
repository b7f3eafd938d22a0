package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import java.util.Arrays;

/**
 * Solves {@code A·X = B} for each square matrix A in the last two axes of a {@code [..., n, n]} and the matching B of b,
 * {@code [..., n, k]} (or {@code [..., n]}, one column), in double, rounded once: output b's shape.
 * {@link Kind#GENERAL} by LU with partial pivoting (a singular A gives infinities and NaN); {@link Kind#LOWER} and
 * {@link Kind#UPPER} by substitution on A's lower or upper triangle, the other ignored, as TensorFlow's
 * triangular_solve.
 */
public final class LinearSolve implements Op {
    /** Which matrix A is. */
    public enum Kind { GENERAL, LOWER, UPPER }

    private final Kind kind;
    private final DoubleScratch matrices = new DoubleScratch();
    private final DoubleScratch columns = new DoubleScratch();

    public LinearSolve(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String type() {
        return "LinearSolve";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("kind", kind.name()).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static LinearSolve fromSpec(OpSpec s) {
        return new LinearSolve(s.enumAttr("kind", Kind.class));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        if (in.length != 2) {
            throw new IllegalArgumentException(type() + " takes 2 inputs, got " + in.length);
        }
        MatrixFactors.order(in[0], "a");
        int r = in[0].length;
        boolean vector = in[1].length == r - 1;
        int[] expected = vector ? Arrays.copyOf(in[0], r - 1) : Shapes.withLast(in[0], in[1].length == r ? in[1][r - 1] : -1);
        Inputs.same(in[1], expected, "b");
        return new int[][] {in[1].clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        int n = x[x.length - 1];
        int[] bs = inputShapes[1];
        int k = bs.length == x.length ? bs[bs.length - 1] : 1;
        double[] a = matrices.get(n * n);
        double[] b = columns.get(n * k);
        for (int m = 0; m < Shapes.product(x, 0, x.length - 2); m++) {
            MatrixFactors.load(inputs[0], m, n, a);
            for (int i = 0; i < n * k; i++) {
                b[i] = inputs[1][m * n * k + i];
            }
            solve(a, n, b, k);
            for (int i = 0; i < n * k; i++) {
                outputs[0][m * n * k + i] = (float) b[i];
            }
        }
    }

    private void solve(double[] a, int n, double[] b, int k) {
        if (kind == Kind.GENERAL) {
            MatrixFactors.lu(a, n, b, k);
            MatrixFactors.substitute(a, n, true, true, b, k);
            MatrixFactors.substitute(a, n, false, false, b, k);
        } else {
            MatrixFactors.substitute(a, n, kind == Kind.LOWER, false, b, k);
        }
    }
}
