package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * Keras' {@code quantize_and_dequantize} to float8 e4m3fn, as a float8-quantized Dense or EinsumDense applies it to
 * its inputs: {@code x / scale} clipped to ±448, cast to e4m3fn as TensorFlow casts (to nearest, ties to even; 3
 * mantissa bits, subnormals down to 2^-9), times {@code scale}, all in float32. Same shape out.
 */
public final class Float8Quantization implements Op {
    /** The largest finite e4m3fn value. */
    private static final float E4M3_MAX = 448f;

    private final float scale;

    /** @param scale the layer's stored scale (Keras' {@code inputs_scale}; 1 until training updates it) */
    public Float8Quantization(float scale) {
        this.scale = scale;
    }

    /** {@code x} quantized to e4m3fn with {@code scale} and back, as described above. */
    public static float quantizeDequantize(float x, float scale) {
        float v = Math.max(-E4M3_MAX, Math.min(E4M3_MAX, x / scale));
        float a = Math.abs(v);
        // the spacing of e4m3fn values near a: 2^-9 below the smallest normal 2^-6, else 2^(exponent - 3)
        float step = a < 0x1p-6f ? 0x1p-9f : Math.scalb(1f, Math.getExponent(a) - 3);
        return Math.copySign((float) Math.rint(a / step) * step, v) * scale;
    }

    @Override
    public String type() {
        return "Float8Quantization";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("scale", (double) scale).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Float8Quantization fromSpec(OpSpec s) {
        return new Float8Quantization((float) s.doubleAttr("scale"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return Dims.sameShape(in, type());
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] y = outputs[0];
        for (int i = 0; i < x.length; i++) {
            y[i] = quantizeDequantize(x[i], scale);
        }
    }
}
