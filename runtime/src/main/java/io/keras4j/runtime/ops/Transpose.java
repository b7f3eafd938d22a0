package io.keras4j.runtime.ops;

import java.util.Arrays;

/** Reorders axes: output axis i is input axis {@code perm[i]} (Keras Permute, with the batch axis 0 kept first). */
public final class Transpose implements Op {
    private final String type;
    private final int[] perm;

    /** @param perm a permutation of {@code 0..rank-1} including the batch axis */
    public Transpose(String type, int[] perm) {
        int[] sorted = perm.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != i) {
                throw new IllegalArgumentException("not a permutation of the axes: " + Arrays.toString(perm));
            }
        }
        this.type = type;
        this.perm = perm.clone();
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder("Transpose").attr("stands_for", type).attr("perm", perm).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Transpose fromSpec(OpSpec s) {
        return new Transpose(s.stringAttr("stands_for"), s.intsAttr("perm"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type);
        Inputs.rank(x, perm.length, "input");
        int[] y = new int[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[perm[i]];
        }
        return new int[][] {y};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        int rank = x.length;
        float[] src = inputs[0];
        float[] dst = outputs[0];
        for (int i = 0; i < dst.length; i++) {
            int rest = i;
            int off = 0;
            for (int d = rank - 1; d >= 0; d--) {
                int axis = perm[d];
                int c = rest % x[axis];
                rest /= x[axis];
                off += c * Strides.product(x, axis + 1, rank);
            }
            dst[i] = src[off];
        }
    }
}
