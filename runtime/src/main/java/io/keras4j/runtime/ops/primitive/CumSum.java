package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX CumSum along {@code axis}: each entry the sum of those up to it ({@code exclusive}: before it; {@code reverse}:
 * from the end). Summed in float32 in order, as ONNX Runtime does.
 */
public final class CumSum implements Op {
    private final int axis;
    private final boolean exclusive;
    private final boolean reverse;

    /** @param axis the axis, negative counting from the end */
    public CumSum(int axis, boolean exclusive, boolean reverse) {
        this.axis = axis;
        this.exclusive = exclusive;
        this.reverse = reverse;
    }

    @Override
    public String type() {
        return "CumSum";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("axis", axis).attr("exclusive", exclusive).attr("reverse", reverse).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static CumSum fromSpec(OpSpec s) {
        return new CumSum(s.intAttr("axis"), s.boolAttr("exclusive"), s.boolAttr("reverse"));
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
            for (int i = 0; i < inner; i++) {
                float sum = 0f;
                for (int k = 0; k < n; k++) {
                    int at = o * n * inner + (reverse ? n - 1 - k : k) * inner + i;
                    float v = src[at];
                    if (!exclusive) {
                        sum += v;
                    }
                    dst[at] = sum;
                    if (exclusive) {
                        sum += v;
                    }
                }
            }
        }
    }
}
