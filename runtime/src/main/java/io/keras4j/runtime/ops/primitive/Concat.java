package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/** ONNX Concat: joins its inputs along {@code axis} (negative counts from the end); other dimensions must agree. */
public final class Concat implements Op {
    private final long axis;

    public Concat(long axis) {
        this.axis = axis;
    }

    @Override
    public String type() {
        return "Concat";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("axis", axis).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Concat fromSpec(OpSpec s) {
        return new Concat(s.longAttr("axis"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        if (in.length == 0) {
            throw new IllegalArgumentException("Concat takes at least 1 input");
        }
        int rank = in[0].length;
        int a = Dims.axis(axis, rank, "axis");
        int[] out = in[0].clone();
        for (int k = 1; k < in.length; k++) {
            if (in[k].length != rank) {
                throw new IllegalArgumentException("inputs must have one rank, got " + Shapes.toString(in[0]) + " and " + Shapes.toString(in[k]));
            }
            for (int d = 0; d < rank; d++) {
                int v = in[k][d];
                if (d == a) {
                    out[d] = out[d] < 0 || v < 0 ? -1 : out[d] + v;
                } else if (out[d] >= 0 && v >= 0 && out[d] != v) {
                    throw new IllegalArgumentException("inputs differ outside axis " + a + ": " + Shapes.toString(in[0])
                            + " and " + Shapes.toString(in[k]));
                } else if (out[d] < 0) {
                    out[d] = v;
                }
            }
        }
        return new int[][] {out};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] first = inputShapes[0];
        int a = Dims.axis(axis, first.length, "axis");
        int outer = Shapes.product(first, 0, a);
        int total = 0;
        for (int[] s : inputShapes) {
            total += Shapes.product(s, a, s.length);
        }
        int at = 0;
        for (int k = 0; k < inputs.length; k++) {
            int block = Shapes.product(inputShapes[k], a, inputShapes[k].length);
            for (int o = 0; o < outer; o++) {
                System.arraycopy(inputs[k], o * block, outputs[0], o * total + at, block);
            }
            at += block;
        }
    }
}
