package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * An integer sum (or a float, for {@link Kind#DIVIDE_OFFSET_ROUND}) brought to an 8-bit quantized output, in ONNX
 * Runtime's order of float32 operations. Inputs x and scale (one value, or one per entry of {@code axis}); the result
 * saturates to {@code [least, most]}, ties round to even.
 */
public final class Requantize implements Op {
    /** The order of operations, one per ONNX Runtime kernel family. */
    public enum Kind {
        /** {@code round(x·scale) + zero}: MlasRequantizeOutput (QLinearConv, QLinearMatMul, QGemm, global pooling). */
        SCALE_ROUND_OFFSET,
        /** {@code round(x·scale + zero)}: MlasQLinearMul. */
        SCALE_OFFSET_ROUND,
        /** {@code round(x / scale + zero)}: QLinearAveragePool's quantization of its float average. */
        DIVIDE_OFFSET_ROUND
    }

    private final Kind kind;
    private final int axis;
    private final float zero;
    private final float least;
    private final float most;

    /**
     * @param axis the axis a scale of several values runs along, negative counting from the end
     * @param zero the output's zero point
     */
    public Requantize(Kind kind, int axis, long zero, long least, long most) {
        if (least > most || least < -128 || most > 255 || zero < least || zero > most) {
            throw new IllegalArgumentException("requantized range [" + least + ", " + most + "] and zero point " + zero
                    + " must be ordered and 8-bit");
        }
        this.kind = kind;
        this.axis = axis;
        this.zero = zero;
        this.least = least;
        this.most = most;
    }

    @Override
    public String type() {
        return "Requantize";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("kind", kind.name()).attr("axis", axis).attr("zero", (long) zero)
                .attr("least", (long) least).attr("most", (long) most).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Requantize fromSpec(OpSpec s) {
        return new Requantize(s.enumAttr("kind", Kind.class), s.intAttr("axis"), s.longAttr("zero"), s.longAttr("least"),
                s.longAttr("most"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 2, type());
        int[] x = in[0];
        int[] scale = in[1];
        int n = Shapes.checkedSize(scale);
        if (n != 1) {
            int a = Dims.axis(axis, x.length, "axis");
            if (x[a] >= 0 && x[a] != n) {
                throw new IllegalArgumentException("scale of shape " + Shapes.toString(scale) + " must be one value or one"
                        + " per entry of axis " + a + " of x " + Shapes.toString(x));
            }
        }
        return new int[][] {x.clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] scale = inputs[1];
        float[] y = outputs[0];
        int[] shape = inputShapes[0];
        int inner = scale.length == 1 ? 1 : Shapes.product(shape, Dims.axis(axis, shape.length, "axis") + 1, shape.length);
        for (int i = 0; i < y.length; i++) {
            float s = scale[scale.length == 1 ? 0 : i / inner % scale.length];
            float q = switch (kind) {
                case SCALE_ROUND_OFFSET -> (float) Math.rint(x[i] * s) + zero;
                case SCALE_OFFSET_ROUND -> (float) Math.rint(x[i] * s + zero);
                case DIVIDE_OFFSET_ROUND -> (float) Math.rint(x[i] / s + zero);
            };
            y[i] = Math.max(least, Math.min(q, most));
        }
    }
}
