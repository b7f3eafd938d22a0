package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX Gather: picks slices of {@code data} along {@code axis} at the integer {@code indices} (negative ones
 * count from the end). Output shape: {@code data[:axis] + indices + data[axis+1:]}.
 */
public final class Gather implements Op {
    private final long axis;

    public Gather(long axis) {
        this.axis = axis;
    }

    @Override
    public String type() {
        return "Gather";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("axis", axis).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Gather fromSpec(OpSpec s) {
        return new Gather(s.longAttr("axis"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 2, type());
        int[] data = in[0];
        int[] idx = in[1];
        int a = Dims.axis(axis, data.length, "axis");
        int[] out = new int[data.length - 1 + idx.length];
        System.arraycopy(data, 0, out, 0, a);
        System.arraycopy(idx, 0, out, a, idx.length);
        System.arraycopy(data, a + 1, out, a + idx.length, data.length - a - 1);
        return new int[][] {out};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] data = inputShapes[0];
        int a = Dims.axis(axis, data.length, "axis");
        int outer = io.keras4j.runtime.Shapes.product(data, 0, a);
        int inner = io.keras4j.runtime.Shapes.product(data, a + 1, data.length);
        int n = data[a];
        float[] idx = inputs[1];
        float[] x = inputs[0];
        float[] y = outputs[0];
        for (int k = 0; k < idx.length; k++) {
            int i = Dims.integer(idx[k], "index");
            if (i < -n || i >= n) {
                throw new IllegalArgumentException("index " + i + " is out of range for axis " + a + " of size " + n);
            }
            int src = i < 0 ? i + n : i;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(x, (o * n + src) * inner, y, (o * idx.length + k) * inner, inner);
            }
        }
    }
}
