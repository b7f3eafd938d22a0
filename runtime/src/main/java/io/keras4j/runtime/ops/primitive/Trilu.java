package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX Trilu: keeps the upper triangle (entries of row i, column j with {@code j - i >= k}) or the lower one
 * ({@code j - i <= k}) of each matrix in the last two axes, zeroing the rest.
 */
public final class Trilu implements Op {
    private final boolean upper;
    private final int k;

    /** @param upper whether the upper triangle is kept; @param k the diagonal, 0 the main one, positive above it */
    public Trilu(boolean upper, int k) {
        this.upper = upper;
        this.k = k;
    }

    @Override
    public String type() {
        return "Trilu";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("upper", upper).attr("k", k).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Trilu fromSpec(OpSpec s) {
        return new Trilu(s.boolAttr("upper"), s.intAttr("k"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        if (in[0].length < 2) {
            throw new IllegalArgumentException("Trilu takes an input of rank 2 or more, got " + Shapes.toString(in[0]));
        }
        return new int[][] {in[0].clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        int rows = x[x.length - 2];
        int cols = x[x.length - 1];
        int matrices = Shapes.product(x, 0, x.length - 2);
        for (int m = 0; m < matrices; m++) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    int at = (m * rows + i) * cols + j;
                    boolean kept = upper ? (long) j - i >= k : (long) j - i <= k;
                    outputs[0][at] = kept ? inputs[0][at] : 0f;
                }
            }
        }
    }
}
