package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * The cumulative product along {@code axis} (keras.ops.cumprod): each entry the product of those up to it, multiplied in
 * float32 in order, as TensorFlow's cumprod.
 */
public final class CumProd implements Op {
    private final int axis;

    /** @param axis the axis, negative counting from the end */
    public CumProd(int axis) {
        this.axis = axis;
    }

    @Override
    public String type() {
        return "CumProd";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("axis", axis).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static CumProd fromSpec(OpSpec s) {
        return new CumProd(s.intAttr("axis"));
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
        int a = Dims.axis(axis, x.length, "axis");
        int n = x[a];
        int inner = Shapes.product(x, a + 1, x.length);
        int outer = Shapes.product(x, 0, a);
        float[] src = inputs[0];
        float[] dst = outputs[0];
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            for (int i = 0; i < inner; i++) {
                dst[base + i] = src[base + i];
            }
            for (int at = base + inner; at < base + n * inner; at++) {
                dst[at] = dst[at - inner] * src[at];
            }
        }
    }
}
