package io.keras4j.runtime.ops;

/**
 * Keras GlobalMaxPooling1D and GlobalAveragePooling1D: the max or mean over the steps axis of
 * {@code [batch, steps, channels]} (or {@code [batch, channels, steps]} when channels come first), giving
 * {@code [batch, channels]}, or with keepdims {@code [batch, 1, channels]} ({@code [batch, channels, 1]}).
 * A masked average (second input {@code [batch, steps]}) is the sum over valid steps divided by their count,
 * as Keras 3 computes it (NaN when every step is masked).
 */
public final class GlobalPooling1D implements Op {
    private final boolean max;
    private final boolean keepDims;
    private final boolean channelsFirst;
    private final boolean masked;

    public GlobalPooling1D(boolean max, boolean keepDims, boolean channelsFirst, boolean masked) {
        if (max && masked) {
            throw new IllegalArgumentException("GlobalMaxPooling1D takes no mask");
        }
        this.max = max;
        this.keepDims = keepDims;
        this.channelsFirst = channelsFirst;
        this.masked = masked;
    }

    @Override
    public String type() {
        return max ? "GlobalMaxPooling1D" : "GlobalAveragePooling1D";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("keepdims", keepDims).attr("channels_first", channelsFirst).attr("masked", masked)
                .build();
    }

    /** Rebuilds the op from its {@link #spec()} (type GlobalMaxPooling1D or GlobalAveragePooling1D). */
    public static GlobalPooling1D fromSpec(OpSpec s) {
        return new GlobalPooling1D(s.type().equals("GlobalMaxPooling1D"), s.boolAttr("keepdims"), s.boolAttr("channels_first"),
                s.boolAttr("masked"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        if (in.length != (masked ? 2 : 1)) {
            throw new IllegalArgumentException(type() + " takes " + (masked ? 2 : 1) + " inputs, got " + in.length);
        }
        int[] x = in[0];
        Inputs.rank(x, 3, "input");
        int stepAxis = channelsFirst ? 2 : 1;
        if (masked) {
            Inputs.same(in[1], new int[] {x[0], x[stepAxis]}, "mask");
        }
        int channels = channelsFirst ? x[1] : x[2];
        if (!keepDims) {
            return new int[][] {new int[] {x[0], channels}};
        }
        return new int[][] {channelsFirst ? new int[] {x[0], channels, 1} : new int[] {x[0], 1, channels}};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] s = inputShapes[0];
        int batch = s[0];
        int steps = channelsFirst ? s[2] : s[1];
        int channels = channelsFirst ? s[1] : s[2];
        int tStride = channelsFirst ? 1 : channels;
        int cStride = channelsFirst ? steps : 1;
        float[] x = inputs[0];
        float[] mask = masked ? inputs[1] : null;
        float[] y = outputs[0];
        for (int b = 0; b < batch; b++) {
            int xb = b * steps * channels;
            int count = steps;
            if (mask != null) {
                count = 0;
                for (int t = 0; t < steps; t++) {
                    count += mask[b * steps + t] != 0f ? 1 : 0;
                }
            }
            for (int c = 0; c < channels; c++) {
                float v;
                if (max) {
                    v = Float.NEGATIVE_INFINITY;
                    for (int t = 0; t < steps; t++) {
                        v = Math.max(v, x[xb + t * tStride + c * cStride]);
                    }
                } else {
                    double sum = 0;
                    for (int t = 0; t < steps; t++) {
                        if (mask == null || mask[b * steps + t] != 0f) {
                            sum += x[xb + t * tStride + c * cStride];
                        }
                    }
                    v = (float) (sum / count);
                }
                y[b * channels + c] = v;
            }
        }
    }
}
