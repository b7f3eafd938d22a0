package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX QuantizeLinear and DequantizeLinear over integers held as floats. Inputs x, scale and optionally zero_point (as
 * many values: one for the whole tensor, or one per entry of {@code axis}). Quantize:
 * {@code clamp(round(x / scale) + zero_point, least, most)}, the division in float32 and ties rounded to even, NaN to
 * {@code least}, as ONNX Runtime computes it; dequantize: {@code (x - zero_point) · scale}.
 */
public final class LinearQuantization implements Op {
    /** Which way the op converts. */
    public enum Kind {
        QUANTIZE("QuantizeLinear"), DEQUANTIZE("DequantizeLinear");

        private final String operator;

        Kind(String operator) {
            this.operator = operator;
        }
    }

    private final Kind kind;
    private final int axis;
    private final float least;
    private final float most;

    /**
     * @param axis  the axis a scale of several values runs along, negative counting from the end
     * @param least the smallest integer of the quantized type (unused when dequantizing)
     * @param most  the largest integer of the quantized type (unused when dequantizing)
     */
    public LinearQuantization(Kind kind, int axis, long least, long most) {
        if (least > most || least < -(1L << 24) || most > 1L << 24) {
            throw new IllegalArgumentException("quantized range [" + least + ", " + most + "] must be ordered and within"
                    + " +-2^24");
        }
        this.kind = kind;
        this.axis = axis;
        this.least = least;
        this.most = most;
    }

    @Override
    public String type() {
        return kind.operator;
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder("LinearQuantization").attr("kind", kind.name()).attr("axis", axis).attr("least", (long) least)
                .attr("most", (long) most).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static LinearQuantization fromSpec(OpSpec s) {
        return new LinearQuantization(s.enumAttr("kind", Kind.class), s.intAttr("axis"), s.longAttr("least"),
                s.longAttr("most"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        if (in.length != 2 && in.length != 3) {
            throw new IllegalArgumentException(type() + " takes x, scale and optionally zero_point, got " + in.length
                    + " inputs");
        }
        int[] x = in[0];
        int[] scale = in[1];
        if (in.length == 3 && Shapes.checkedSize(in[2]) != Shapes.checkedSize(scale)) {
            throw new IllegalArgumentException("zero_point has shape " + Shapes.toString(in[2]) + ", scale "
                    + Shapes.toString(scale) + ": they must hold as many values");
        }
        if (scale.length > 1) {
            throw new IllegalArgumentException("scale of shape " + Shapes.toString(scale) + " must be a scalar or 1-D");
        }
        if (scale.length == 1 && scale[0] != 1) {
            int a = Dims.axis(axis, x.length, "axis");
            if (x[a] >= 0 && x[a] != scale[0]) {
                throw new IllegalArgumentException("scale of shape " + Shapes.toString(scale) + " must be one value or one"
                        + " per entry of axis " + a + " of x " + Shapes.toString(x));
            }
        }
        return new int[][] {x.clone()};
    }

    /**
     * {@code clamp(round(x / scale) + zero, least, most)}, the division in float32, ties to even; NaN (as 0/0) gives
     * {@code least}, as ONNX Runtime saturates it.
     */
    static float quantize(float x, float scale, float zero, float least, float most) {
        float q = (float) Math.rint(x / scale) + zero;
        return q >= least ? Math.min(q, most) : least;
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] scale = inputs[1];
        float[] zero = inputs.length == 3 ? inputs[2] : null;
        float[] y = outputs[0];
        int[] shape = inputShapes[0];
        int inner = 1;
        if (scale.length > 1) {
            int a = Dims.axis(axis, shape.length, "axis");
            inner = Shapes.product(shape, a + 1, shape.length);
        }
        for (int i = 0; i < y.length; i++) {
            int c = scale.length == 1 ? 0 : i / inner % scale.length;
            float z = zero == null ? 0f : zero[c];
            if (kind == Kind.QUANTIZE) {
                y[i] = quantize(x[i], scale[c], z, least, most);
            } else {
                y[i] = (x[i] - z) * scale[c];
            }
        }
    }
}
