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
        quantize(x, 0, x.length, outputs[0], 0, scratch, 0);
        outputs[1][0] = scratch[0];
        outputs[2][0] = scratch[1];
    }

    @Override
    public int scratchSize(int[][] in) {
        return 2;
    }

    /**
     * Quantizes {@code x[from, from+n)} into {@code y[to, to+n)} with the scale and zero point of its range, which it
     * writes to {@code params[at]} and {@code params[at+1]}.
     */
    public static void quantize(float[] x, int from, int n, float[] y, int to, float[] params, int at) {
        float min = 0f;
        float max = 0f;
        for (int i = from; i < from + n; i++) {
            float v = x[i];
            if (v < min) {
                min = v;
            } else if (v > max) {
                max = v;
            }
        }
        float s = max == min ? 1f : (max - min) / MOST;
        float z = (float) Math.rint(Math.max(0f, Math.min(MOST, 0f - min / s)));
        for (int i = 0; i < n; i++) {
            y[to + i] = LinearQuantization.quantize(x[from + i], s, z, 0f, MOST);
        }
        params[at] = s;
        params[at + 1] = z;
    }
}
