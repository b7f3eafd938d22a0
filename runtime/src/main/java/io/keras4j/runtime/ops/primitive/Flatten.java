package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/** ONNX Flatten: a 2-D tensor {@code [prod(dims before axis), prod(dims from axis)]}. */
public final class Flatten implements Op {
    private final long axis;

    public Flatten(long axis) {
        this.axis = axis;
    }

    @Override
    public String type() {
        return "Flatten";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("axis", axis).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Flatten fromSpec(OpSpec s) {
        return new Flatten(s.longAttr("axis"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        int[] x = in[0];
        int a = axis == x.length ? x.length : Dims.axis(axis, x.length, "axis");
        return new int[][] {{product(x, 0, a), product(x, a, x.length)}};
    }

    private static int product(int[] x, int from, int to) {
        long p = 1;
        for (int d = from; d < to; d++) {
            if (x[d] < 0) {
                return -1;
            }
            p *= x[d];
        }
        return (int) p;
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        System.arraycopy(inputs[0], 0, outputs[0], 0, inputs[0].length);
    }
}
