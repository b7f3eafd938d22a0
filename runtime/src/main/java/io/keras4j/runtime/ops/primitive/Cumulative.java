package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * A cumulative sum (ONNX CumSum, keras.ops.cumsum) or product (keras.ops.cumprod) along {@code axis}: each entry
 * the sum or product of those up to it ({@code exclusive}: before it; {@code reverse}: from the end), taken in
 * float32 in order, as ONNX Runtime and TensorFlow do.
 */
public final class Cumulative implements Op {
    /** Sum or product; its op type. */
    public enum Kind {
        SUM("CumSum"), PRODUCT("CumProd");

        private final String type;

        Kind(String type) {
            this.type = type;
        }
    }

    private final Kind kind;
    private final int axis;
    private final boolean exclusive;
    private final boolean reverse;

    /** @param axis the axis, negative counting from the end */
    public Cumulative(Kind kind, int axis, boolean exclusive, boolean reverse) {
        this.kind = kind;
        this.axis = axis;
        this.exclusive = exclusive;
        this.reverse = reverse;
    }

    @Override
    public String type() {
        return kind.type;
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("axis", axis).attr("exclusive", exclusive).attr("reverse", reverse).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Cumulative fromSpec(OpSpec s) {
        Kind kind = s.type().equals(Kind.PRODUCT.type) ? Kind.PRODUCT : Kind.SUM;
        return new Cumulative(kind, s.intAttr("axis"), s.boolAttr("exclusive"), s.boolAttr("reverse"));
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
                float total = kind == Kind.SUM ? 0f : 1f;
                for (int k = 0; k < n; k++) {
                    int at = o * n * inner + (reverse ? n - 1 - k : k) * inner + i;
                    float v = src[at];
                    if (!exclusive) {
                        total = combine(total, v);
                    }
                    dst[at] = total;
                    if (exclusive) {
                        total = combine(total, v);
                    }
                }
            }
        }
    }

    private float combine(float total, float v) {
        return kind == Kind.SUM ? total + v : total * v;
    }
}
