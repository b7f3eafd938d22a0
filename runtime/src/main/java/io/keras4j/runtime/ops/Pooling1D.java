package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;

/**
 * Keras MaxPooling1D and AveragePooling1D over the steps axis of {@code [batch, steps, channels]}
 * (or {@code [batch, channels, steps]} when channels come first). Windows of {@code poolSize} steps every
 * {@code stride} steps; VALID keeps whole windows only, SAME gives {@code ceil(steps/stride)} windows with
 * the smaller half of the padding on the left, as TensorFlow does. Padded positions take no part: a
 * SAME average divides by the number of real steps in its window.
 */
public final class Pooling1D implements Op {
    private final boolean max;
    private final int poolSize;
    private final int stride;
    private final boolean same;
    private final boolean channelsFirst;

    public Pooling1D(boolean max, int poolSize, int stride, boolean same, boolean channelsFirst) {
        if (poolSize <= 0 || stride <= 0) {
            throw new IllegalArgumentException("pool size " + poolSize + " and stride " + stride + " must be positive");
        }
        this.max = max;
        this.poolSize = poolSize;
        this.stride = stride;
        this.same = same;
        this.channelsFirst = channelsFirst;
    }

    @Override
    public String type() {
        return max ? "MaxPooling1D" : "AveragePooling1D";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("pool_size", poolSize).attr("stride", stride).attr("same", same)
                .attr("channels_first", channelsFirst).build();
    }

    /** Rebuilds the op from its {@link #spec()} (type MaxPooling1D or AveragePooling1D). */
    public static Pooling1D fromSpec(OpSpec s) {
        return new Pooling1D(s.type().equals("MaxPooling1D"), s.intAttr("pool_size"), s.intAttr("stride"), s.boolAttr("same"),
                s.boolAttr("channels_first"));
    }

    private int outSteps(int steps) {
        if (steps < 0) {
            return -1;
        }
        if (same) {
            return (steps + stride - 1) / stride;
        }
        return steps < poolSize ? 0 : (steps - poolSize) / stride + 1;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        Inputs.rank(x, 3, "input");
        int stepAxis = channelsFirst ? 2 : 1;
        int out = outSteps(x[stepAxis]);
        if (out == 0) {
            throw new IllegalArgumentException("input " + Shapes.toString(x) + " has fewer steps than pool size " + poolSize);
        }
        int[] y = x.clone();
        y[stepAxis] = out;
        return new int[][] {y};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] s = inputShapes[0];
        int batch = s[0];
        int steps = channelsFirst ? s[2] : s[1];
        int channels = channelsFirst ? s[1] : s[2];
        int out = outSteps(steps);
        int left = same ? Math.max((out - 1) * stride + poolSize - steps, 0) / 2 : 0;
        // element (b, t, c) sits at b*steps*channels + t*tStride + c*cStride
        int tStride = channelsFirst ? 1 : channels;
        int cStride = channelsFirst ? steps : 1;
        int otStride = channelsFirst ? 1 : channels;
        int ocStride = channelsFirst ? out : 1;
        float[] x = inputs[0];
        float[] y = outputs[0];
        for (int b = 0; b < batch; b++) {
            int xb = b * steps * channels;
            int yb = b * out * channels;
            for (int o = 0; o < out; o++) {
                int from = Math.max(o * stride - left, 0);
                int to = Math.min(o * stride - left + poolSize, steps);
                for (int c = 0; c < channels; c++) {
                    float v;
                    if (max) {
                        v = Float.NEGATIVE_INFINITY;
                        for (int t = from; t < to; t++) {
                            v = Math.max(v, x[xb + t * tStride + c * cStride]);
                        }
                    } else {
                        double sum = 0;
                        for (int t = from; t < to; t++) {
                            sum += x[xb + t * tStride + c * cStride];
                        }
                        v = (float) (sum / (to - from));
                    }
                    y[yb + o * otStride + c * ocStride] = v;
                }
            }
        }
    }
}
