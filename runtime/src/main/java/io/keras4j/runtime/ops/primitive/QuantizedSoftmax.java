package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.math.GlibcLog;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;

/**
 * ONNX Runtime's QLinearSoftmax (com.microsoft) of 8-bit values held as floats, as its CPU kernel computes it. A
 * 256-entry table of float32 {@code exp((i - 255 + shift)·x_scale)} (in double, with
 * {@code shift = max(0, logf(FLT_MAX / n) - 5) / x_scale} for rows of n values, the log in float32) is read at
 * {@code i = 255 - max + x} for each x of a row; with {@code sum} the float32 sum of the row's entries in order, each
 * {@code y = round(entry·floor(1 / y_scale) / sum) + y_zero} (float32, ties to even) saturated to 255 (uint8), or
 * wrapped to int8 as ONNX Runtime casts it. A row is {@code axis}'s values, or with {@code coerced} (ONNX Runtime's
 * opset-12 form) all the values from {@code axis} on.
 */
public final class QuantizedSoftmax implements Op {
    private final int axis;
    private final boolean coerced;
    private final int length;
    private final float xScale;
    private final float yScale;
    private final int yZero;
    private final boolean signed;
    private final float[] table = new float[256];

    /**
     * @param length  the number of values of a row (n above)
     * @param xScale  the input's scale
     * @param yScale  the output's scale
     * @param yZero   the output's zero point
     * @param signed  int8 values, else uint8
     */
    public QuantizedSoftmax(int axis, boolean coerced, int length, float xScale, float yScale, long yZero, boolean signed) {
        if (length < 1 || !(xScale > 0) || !(yScale > 0) || yZero < (signed ? -128 : 0) || yZero > (signed ? 127 : 255)) {
            throw new IllegalArgumentException("QLinearSoftmax needs rows of at least one value, positive scales and an"
                    + " 8-bit zero point, got " + length + ", " + xScale + ", " + yScale + ", " + yZero);
        }
        this.axis = axis;
        this.coerced = coerced;
        this.length = length;
        this.xScale = xScale;
        this.yScale = yScale;
        this.yZero = (int) yZero;
        this.signed = signed;
        double shift = Math.max(0.0, GlibcLog.log(Float.MAX_VALUE / (float) length) - 5.0) / xScale; // ONNX Runtime's logf
        for (int i = 0; i < 256; i++) {
            table[i] = (float) Math.exp((i - 255 + shift) * xScale);
        }
    }

    @Override
    public String type() {
        return "QLinearSoftmax";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder("QuantizedSoftmax").attr("axis", axis).attr("coerced", coerced).attr("length", length)
                .attr("x_scale", (double) xScale).attr("y_scale", (double) yScale).attr("y_zero", (long) yZero)
                .attr("signed", signed).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static QuantizedSoftmax fromSpec(OpSpec s) {
        return new QuantizedSoftmax(s.intAttr("axis"), s.boolAttr("coerced"), s.intAttr("length"),
                (float) s.doubleAttr("x_scale"), (float) s.doubleAttr("y_scale"), s.longAttr("y_zero"), s.boolAttr("signed"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        int[] x = in[0];
        int a = Dims.axis(axis, x.length, "axis");
        int end = coerced ? x.length : a + 1;
        if (Arrays.stream(x, a, end).allMatch(d -> d >= 0) && Shapes.product(x, a, end) != length) {
            throw new IllegalArgumentException(type() + " was built for rows of " + length + " values, x has shape "
                    + Shapes.toString(x) + " (axis " + a + ")");
        }
        return new int[][] {x.clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] y = outputs[0];
        int[] shape = inputShapes[0];
        int a = Dims.axis(axis, shape.length, "axis");
        int inner = coerced ? 1 : Shapes.product(shape, a + 1, shape.length);
        int outer = Shapes.product(shape, 0, a);
        float scale = (float) Math.floor(1.0f / yScale);
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * length * inner + in;
                float max = x[base];
                for (int k = 1; k < length; k++) {
                    max = Math.max(max, x[base + k * inner]);
                }
                float sum = 0f;
                for (int k = 0; k < length; k++) {
                    sum += table[(int) (x[base + k * inner] - max) + 255];
                }
                for (int k = 0; k < length; k++) {
                    float entry = table[(int) (x[base + k * inner] - max) + 255];
                    int q = (int) Math.rint(entry * scale / sum) + yZero;
                    y[base + k * inner] = signed ? (q > 255 ? -1 : (byte) q) : Math.min(q, 255);
                }
            }
        }
    }
}
