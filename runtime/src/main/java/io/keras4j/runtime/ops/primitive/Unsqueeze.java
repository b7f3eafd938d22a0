package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;

/** ONNX Unsqueeze: inserts axes of size 1 at {@code axes} of the output (negative counts from the output's end). */
public final class Unsqueeze implements Op {
    private final long[] axes;

    public Unsqueeze(long[] axes) {
        this.axes = axes.clone();
    }

    @Override
    public String type() {
        return "Unsqueeze";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("axes", axes).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Unsqueeze fromSpec(OpSpec s) {
        return new Unsqueeze(s.longsAttr("axes"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        int rank = in[0].length + axes.length;
        boolean[] inserted = new boolean[rank];
        for (long a : axes) {
            int d = Dims.axis(a, rank, "axis");
            if (inserted[d]) {
                throw new IllegalArgumentException("axes " + Arrays.toString(axes) + " repeat axis " + d);
            }
            inserted[d] = true;
        }
        int[] out = new int[rank];
        int k = 0;
        for (int d = 0; d < rank; d++) {
            out[d] = inserted[d] ? 1 : in[0][k++];
        }
        return new int[][] {out};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        System.arraycopy(inputs[0], 0, outputs[0], 0, inputs[0].length);
    }
}
