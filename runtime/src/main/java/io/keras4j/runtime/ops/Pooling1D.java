package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;

/**
 * Keras MaxPooling1D and AveragePooling1D over the steps axis of {@code [batch, steps, channels]}
 * (or {@code [batch, channels, steps]} when channels come first). Windows of {@code poolSize} steps every
 * {@code stride} steps; VALID keeps whole windows only, SAME gives {@code ceil(steps/stride)} windows with
 * the smaller half of the padding on the left, as TensorFlow does. Padded positions take no part: a
 * SAME average divides by the number of real steps in its window. A maximum starts from float32's lowest finite value
 * and takes each step greater than it, as TensorFlow's: NaN is passed over, and a window of NaN and -inf gives
 * {@code -Float.MAX_VALUE}.
 *
 * <p>Keras 3's AdaptiveMaxPooling1D and AdaptiveAveragePooling1D ({@link #adaptive}) give {@code outputSize} windows as
 * its TensorFlow backend places them: window o starts at {@code floor(o·steps/out)} (in float32) and spans
 * {@code ceil(steps/out) + 1} steps where {@code ceil((o+1)·steps/out)} minus that start is that many, else
 * {@code ceil(steps/out)}.
 */
public final class Pooling1D implements Op {
    private final boolean max;
    private final int poolSize;
    private final int stride;
    private final boolean same;
    private final boolean channelsFirst;
    /** The adaptive pooling's number of windows, or 0 for windows of poolSize every stride. */
    private final int outputSize;

    public Pooling1D(boolean max, int poolSize, int stride, boolean same, boolean channelsFirst) {
        this(max, poolSize, stride, same, channelsFirst, 0);
        if (poolSize <= 0 || stride <= 0) {
            throw new IllegalArgumentException("pool size " + poolSize + " and stride " + stride + " must be positive");
        }
    }

    private Pooling1D(boolean max, int poolSize, int stride, boolean same, boolean channelsFirst, int outputSize) {
        this.max = max;
        this.poolSize = poolSize;
        this.stride = stride;
        this.same = same;
        this.channelsFirst = channelsFirst;
        this.outputSize = outputSize;
    }

    /** Keras 3 adaptive pooling into {@code outputSize} windows. */
    public static Pooling1D adaptive(boolean max, int outputSize, boolean channelsFirst) {
        if (outputSize <= 0 || outputSize > WindowAxis.MAX_PAD) {
            throw new IllegalArgumentException("adaptive pooling output size " + outputSize + " must be from 1 to 2^24");
        }
        return new Pooling1D(max, 0, 0, false, channelsFirst, outputSize);
    }

    @Override
    public String type() {
        return (outputSize > 0 ? "Adaptive" : "") + (max ? "MaxPooling1D" : "AveragePooling1D");
    }

    @Override
    public OpSpec spec() {
        OpSpec.Builder b = OpSpec.builder(type()).attr("channels_first", channelsFirst);
        return outputSize > 0 ? b.attr("output_size", outputSize).build()
                : b.attr("pool_size", poolSize).attr("stride", stride).attr("same", same).build();
    }

    /** Rebuilds the op from its {@link #spec()} (type MaxPooling1D, AveragePooling1D or their Adaptive forms). */
    public static Pooling1D fromSpec(OpSpec s) {
        boolean max = s.type().endsWith("MaxPooling1D");
        if (s.type().startsWith("Adaptive")) {
            return adaptive(max, s.intAttr("output_size"), s.boolAttr("channels_first"));
        }
        return new Pooling1D(max, s.intAttr("pool_size"), s.intAttr("stride"), s.boolAttr("same"),
                s.boolAttr("channels_first"));
    }

    /** The first step of window {@code o} of an adaptive pooling over {@code steps} ({@link AdaptivePooling#start}). */
    private int adaptiveStart(int o, int steps) {
        return AdaptivePooling.start(o, outputSize, steps);
    }

    /** The number of steps window {@code o} of an adaptive pooling over {@code steps}, which starts at {@code start}, takes. */
    private int adaptiveSize(int o, int steps, int start) {
        int size = AdaptivePooling.size(o, outputSize, steps, start);
        if (size < 0) {
            throw new IllegalArgumentException(type() + ": window " + o + " of " + outputSize + " over " + steps
                    + " steps, from step " + start + ", would run past the input (Keras cannot pool it either)");
        }
        return size;
    }

    private int outSteps(int steps) {
        if (outputSize > 0) {
            return outputSize;
        }
        return WindowAxis.outSize(same ? Padding.SAME : Padding.VALID, steps, poolSize, stride, 0, 0);
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
        int left = same ? Padding.samePadBefore(steps, out, stride, poolSize) : 0;
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
                int from = outputSize > 0 ? adaptiveStart(o, steps) : Math.max(o * stride - left, 0);
                int to = outputSize > 0 ? from + adaptiveSize(o, steps, from) : Math.min(o * stride - left + poolSize, steps);
                for (int c = 0; c < channels; c++) {
                    float v;
                    if (max) {
                        v = -Float.MAX_VALUE;
                        for (int t = from; t < to; t++) {
                            float e = x[xb + t * tStride + c * cStride];
                            v = e > v ? e : v;
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
