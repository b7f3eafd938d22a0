package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/** Reverses the order of the entries along one axis (for example time, to align a backward RNN's outputs). */
public final class ReverseAxis implements Op {
    private final int axis;

    /** @param axis the axis to reverse, counted from 0 */
    public ReverseAxis(int axis) {
        if (axis < 0) {
            throw new IllegalArgumentException("axis must be non-negative, got " + axis);
        }
        this.axis = axis;
    }

    @Override
    public String type() {
        return "Reverse";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("axis", axis).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static ReverseAxis fromSpec(OpSpec s) {
        return new ReverseAxis(s.intAttr("axis"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        Dims.axis(axis, in[0].length, "axis");
        return new int[][] {in[0].clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        int outer = Shapes.product(x, 0, axis);
        int n = x[axis];
        int inner = Shapes.product(x, axis + 1, x.length);
        for (int o = 0; o < outer; o++) {
            for (int t = 0; t < n; t++) {
                System.arraycopy(inputs[0], (o * n + t) * inner, outputs[0], (o * n + n - 1 - t) * inner, inner);
            }
        }
    }
}
