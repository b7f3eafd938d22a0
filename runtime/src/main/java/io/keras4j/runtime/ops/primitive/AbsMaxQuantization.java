package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * Keras' {@code AbsMaxQuantizer} over the last axis, as a quantized Dense quantizes its inputs: per row,
 * {@code scale = most / (max |x| + epsilon)} and {@code q = clip(round(x · scale), least, most)}, rounding ties to even,
 * all in float32. Outputs q (as floats, the input's shape) and the scale (the input's shape with a last axis of 1).
 */
public final class AbsMaxQuantization implements Op {
    private final float least;
    private final float most;
    private final float epsilon;

    /**
     * @param least   the smallest quantized value (Keras' {@code value_range[0]}, -127 for int8)
     * @param most    the largest (Keras' {@code value_range[1]}, 127 for int8), which max |x| maps to
     * @param epsilon added to max |x| (Keras' {@code backend.epsilon()}, 1e-7, by default)
     */
    public AbsMaxQuantization(float least, float most, float epsilon) {
        if (!(least < most)) {
            throw new IllegalArgumentException("the quantized range [" + least + ", " + most + "] is empty");
        }
        this.least = least;
        this.most = most;
        this.epsilon = epsilon;
    }

    @Override
    public String type() {
        return "AbsMaxQuantization";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("least", (double) least).attr("most", (double) most)
                .attr("epsilon", (double) epsilon).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static AbsMaxQuantization fromSpec(OpSpec s) {
        return new AbsMaxQuantization((float) s.doubleAttr("least"), (float) s.doubleAttr("most"),
                (float) s.doubleAttr("epsilon"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        if (in[0].length == 0) {
            throw new IllegalArgumentException(type() + " needs an input of rank 1 or more, got a scalar");
        }
        int[] scale = in[0].clone();
        scale[scale.length - 1] = 1;
        return new int[][] {in[0].clone(), scale};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] shape = inputShapes[0];
        int n = shape[shape.length - 1];
        float[] x = inputs[0];
        float[] q = outputs[0];
        float[] scales = outputs[1];
        for (int row = 0; row < scales.length; row++) {
            int at = row * n;
            float max = 0f;
            for (int i = at; i < at + n; i++) {
                max = Math.max(max, Math.abs(x[i]));
            }
            float scale = most / (max + epsilon);
            for (int i = at; i < at + n; i++) {
                q[i] = Math.max(least, Math.min(most, (float) Math.rint(x[i] * scale)));
            }
            scales[row] = scale;
        }
    }
}
