package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX DynamicQuantizeLinear: x to uint8 with a scale and zero point computed from the whole tensor's range (widened to
 * hold 0; NaN skipped), as ONNX Runtime computes them: {@code scale = (max - min) / 255} (1 when max equals min),
 * {@code zero_point = round(clamp(-min / scale, 0, 255))}, then y as {@link LinearQuantization} quantizes (NaN to 0).
 * Outputs y, the scale and the zero point (scalars). Every entry of the batch shares them.
 */
public final class DynamicQuantizeLinear implements Op {
    private static final float MOST = 255f;

    @Override
    public String type() {
        return "DynamicQuantizeLinear";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static DynamicQuantizeLinear fromSpec(OpSpec s) {
        return new DynamicQuantizeLinear();
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        return new int[][] {in[0].clone(), {}, {}};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float min = 0f;
        float max = 0f;
        for (float v : x) {
            if (v < min) {
                min = v;
            } else if (v > max) {
                max = v;
            }
        }
        float scale = max == min ? 1f : (max - min) / MOST;
        float zero = (float) Math.rint(Math.max(0f, Math.min(MOST, 0f - min / scale)));
        float[] y = outputs[0];
        for (int i = 0; i < x.length; i++) {
            y[i] = LinearQuantization.quantize(x[i], scale, zero, 0f, MOST);
        }
        outputs[1][0] = scale;
        outputs[2][0] = zero;
    }
}
