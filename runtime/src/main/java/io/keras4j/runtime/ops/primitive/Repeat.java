package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/** Repeats every entry along one axis {@code times} times in place (numpy's {@code repeat}; Keras UpSampling1D). */
public final class Repeat implements Op {
    private final int axis;
    private final int times;

    /** @param axis the axis, counted from 0; @param times how often each entry appears, at least 1 */
    public Repeat(int axis, int times) {
        if (axis < 0 || times < 1) {
            throw new IllegalArgumentException("Repeat: axis " + axis + ", times " + times);
        }
        this.axis = axis;
        this.times = times;
    }

    @Override
    public String type() {
        return "Repeat";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("axis", axis).attr("times", times).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Repeat fromSpec(OpSpec s) {
        return new Repeat(s.intAttr("axis"), s.intAttr("times"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        Dims.axis(axis, in[0].length, "axis");
        int[] out = in[0].clone();
        if (out[axis] >= 0) {
            long length = (long) out[axis] * times;
            if (length > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Repeat: axis " + axis + " of length " + out[axis] + " repeated " + times
                        + " times has more than 2^31 entries");
            }
            out[axis] = (int) length;
        }
        return new int[][] {out};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        int outer = Shapes.product(x, 0, axis);
        int n = x[axis];
        int inner = Shapes.product(x, axis + 1, x.length);
        int at = 0;
        for (int o = 0; o < outer; o++) {
            for (int t = 0; t < n; t++) {
                for (int r = 0; r < times; r++) {
                    System.arraycopy(inputs[0], (o * n + t) * inner, outputs[0], at, inner);
                    at += inner;
                }
            }
        }
    }
}
