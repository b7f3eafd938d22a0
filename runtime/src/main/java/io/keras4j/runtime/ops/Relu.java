package io.keras4j.runtime.ops;

/**
 * Keras ReLU and LeakyReLU layers, in the float32 steps of Keras 3's {@code activations.relu}:
 * {@code y = clip(x > threshold ? x : 0, 0, maxValue) - negativeSlope·max(threshold - x, 0)}; with only a
 * negative slope it is TensorFlow's leaky ReLU, {@code x > 0 ? x : negativeSlope·x}.
 */
public final class Relu implements Op {
    private final String type;
    private final float negativeSlope;
    private final float maxValue;
    private final float threshold;

    /**
     * @param type     "ReLU" or "LeakyReLU", shown in summaries
     * @param maxValue the upper clip, or NaN for none
     */
    public Relu(String type, double negativeSlope, double maxValue, double threshold) {
        this.type = type;
        this.negativeSlope = (float) negativeSlope;
        this.maxValue = (float) maxValue;
        this.threshold = (float) threshold;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public OpSpec spec() {
        boolean clip = !Float.isNaN(maxValue);
        return OpSpec.builder(type).attr("negative_slope", (double) negativeSlope).attr("has_max_value", clip)
                .attr("max_value", clip ? (double) maxValue : 0.0).attr("threshold", (double) threshold).build();
    }

    /** Rebuilds the op from its {@link #spec()} (type ReLU or LeakyReLU). */
    public static Relu fromSpec(OpSpec s) {
        return new Relu(s.type(), s.doubleAttr("negative_slope"),
                s.boolAttr("has_max_value") ? s.doubleAttr("max_value") : Double.NaN, s.doubleAttr("threshold"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return new int[][] {Inputs.single(in, type).clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] y = outputs[0];
        boolean clip = !Float.isNaN(maxValue);
        if (negativeSlope != 0f && !clip && threshold == 0f) {
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] > 0f ? x[i] : x[i] * negativeSlope;
            }
            return;
        }
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            float r;
            if (threshold != 0f) {
                r = v > threshold ? v : 0f;
            } else {
                r = Math.max(v, 0f); // NaN stays NaN, as in TensorFlow
            }
            if (clip) {
                r = Math.min(Math.max(r, 0f), maxValue);
            }
            if (negativeSlope != 0f) {
                r -= negativeSlope * Math.max(-v + threshold, 0f);
            }
            y[i] = r;
        }
    }
}
