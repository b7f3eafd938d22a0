package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import java.util.Arrays;

/**
 * Keras MaxPooling2D and AveragePooling2D, channels last: windows of {@code poolSize} rows and columns every
 * {@code strides} over {@code [batch, rows, cols, channels]}, each giving the maximum or the mean of each channel. Each
 * axis is padded as {@link Conv1D} pads its steps: VALID none, SAME as TensorFlow (the smaller half before), EXPLICIT the
 * given {@code pads} (ONNX's order: top, left, bottom, right). Padded positions take no part in a maximum; an average
 * divides by the number of real positions in its window, or with {@code countPadding} (ONNX {@code count_include_pad}) by
 * the window's positions within the padded input. A maximum starts from float32's lowest finite value and takes each
 * value greater than it, as TensorFlow's and ONNX Runtime's do: NaN is passed over, and a window of NaN and -inf gives
 * {@code -Float.MAX_VALUE}.
 */
public final class Pooling2D implements Op {
    private final boolean max;
    private final int[] poolSize;
    private final int[] strides;
    private final Conv1D.Padding padding;
    private final int[] pads;
    private final boolean countPadding;
    private final boolean ceilMode;

    /**
     * @param padding      VALID, SAME or EXPLICIT
     * @param pads         for EXPLICIT: top, left, bottom, right (each below the window's size); else null
     * @param countPadding an average divides by the number of the window's positions within the padded input, padding
     *                     included (only with EXPLICIT pads)
     */
    public Pooling2D(boolean max, int[] poolSize, int[] strides, Conv1D.Padding padding, int[] pads, boolean countPadding) {
        this(max, poolSize, strides, padding, pads, countPadding, false);
    }

    /**
     * As the other constructor; with {@code ceilMode} (ONNX {@code ceil_mode=1}, EXPLICIT pads only) a last window that
     * would run past the padding is kept where it starts inside the input or its leading padding, and clipped.
     */
    public Pooling2D(boolean max, int[] poolSize, int[] strides, Conv1D.Padding padding, int[] pads, boolean countPadding,
                     boolean ceilMode) {
        if (ceilMode && pads == null || poolSize.length != 2 || strides.length != 2 || Arrays.stream(poolSize).anyMatch(p -> p <= 0)
                || Arrays.stream(strides).anyMatch(s -> s <= 0) || padding == Conv1D.Padding.CAUSAL
                || (padding == Conv1D.Padding.EXPLICIT) != (pads != null) || countPadding && (max || pads == null)
                || pads != null && (pads.length != 4 || Arrays.stream(pads).anyMatch(p -> p < 0)
                || pads[0] >= poolSize[0] || pads[2] >= poolSize[0] || pads[1] >= poolSize[1] || pads[3] >= poolSize[1])) {
            throw new IllegalArgumentException("invalid " + (max ? "MaxPooling2D" : "AveragePooling2D") + ": pool size "
                    + Arrays.toString(poolSize) + ", strides " + Arrays.toString(strides) + ", padding " + padding + ", pads "
                    + Arrays.toString(pads) + (countPadding ? ", counting the padding" : "") + (ceilMode ? ", ceil mode" : ""));
        }
        this.max = max;
        this.poolSize = poolSize.clone();
        this.strides = strides.clone();
        this.padding = padding;
        this.pads = pads == null ? new int[4] : pads.clone();
        this.countPadding = countPadding;
        this.ceilMode = ceilMode;
    }

    @Override
    public String type() {
        return max ? "MaxPooling2D" : "AveragePooling2D";
    }

    @Override
    public OpSpec spec() {
        OpSpec.Builder s = OpSpec.builder(type()).attr("pool_size", poolSize).attr("strides", strides)
                .attr("padding", padding.name());
        if (padding == Conv1D.Padding.EXPLICIT) {
            s.attr("pads", pads).attr("count_padding", countPadding);
        }
        if (ceilMode) {
            s.attr("ceil_mode", true);
        }
        return s.build();
    }

    /** Rebuilds the op from its {@link #spec()} (type MaxPooling2D or AveragePooling2D). */
    public static Pooling2D fromSpec(OpSpec s) {
        Conv1D.Padding padding = s.enumAttr("padding", Conv1D.Padding.class);
        boolean explicit = padding == Conv1D.Padding.EXPLICIT;
        return new Pooling2D(s.type().equals("MaxPooling2D"), s.intsAttr("pool_size"), s.intsAttr("strides"), padding,
                explicit ? s.intsAttr("pads") : null, explicit && s.boolAttr("count_padding"),
                s.has("ceil_mode") && s.boolAttr("ceil_mode"));
    }

    private int outSize(int axis, int size) {
        int out = WindowAxis.outSize(padding, size, poolSize[axis], strides[axis], pads[axis], pads[axis + 2]);
        if (!ceilMode || out <= 0) {
            return out;
        }
        long ceil = ((long) size + pads[axis] + pads[axis + 2] - poolSize[axis] + strides[axis] - 1) / strides[axis] + 1;
        return (int) ((ceil - 1) * strides[axis] >= (long) size + pads[axis] ? ceil - 1 : ceil);
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        Inputs.rank(x, 4, "input");
        int rows = outSize(0, x[1]);
        int cols = outSize(1, x[2]);
        if (rows == 0 || cols == 0) {
            throw new IllegalArgumentException("pool size " + Arrays.toString(poolSize) + " does not fit in an input of "
                    + x[1] + " x " + x[2] + " positions (rows x columns)"
                    + (padding == Conv1D.Padding.EXPLICIT ? " with pads " + Arrays.toString(pads) : ""));
        }
        return new int[][] {new int[] {x[0], rows, cols, x[3]}};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] s = inputShapes[0];
        int batch = s[0];
        int rows = s[1];
        int cols = s[2];
        int channels = s[3];
        int outRows = outSize(0, rows);
        int outCols = outSize(1, cols);
        int top = WindowAxis.padBefore(padding, rows, outRows, poolSize[0], strides[0], pads[0]);
        int left = WindowAxis.padBefore(padding, cols, outCols, poolSize[1], strides[1], pads[1]);
        float[] x = inputs[0];
        float[] y = outputs[0];
        for (int b = 0; b < batch; b++) {
            for (int or = 0; or < outRows; or++) {
                int r0 = or * strides[0] - top;
                int rFrom = Math.max(r0, 0);
                int rTo = Math.min(r0 + poolSize[0], rows);
                for (int oc = 0; oc < outCols; oc++) {
                    int c0 = oc * strides[1] - left;
                    int cFrom = Math.max(c0, 0);
                    int cTo = Math.min(c0 + poolSize[1], cols);
                    int yRow = ((b * outRows + or) * outCols + oc) * channels;
                    Arrays.fill(y, yRow, yRow + channels, max ? -Float.MAX_VALUE : 0f);
                    for (int r = rFrom; r < rTo; r++) {
                        for (int c = cFrom; c < cTo; c++) {
                            int xRow = ((b * rows + r) * cols + c) * channels;
                            for (int ch = 0; ch < channels; ch++) {
                                float e = x[xRow + ch];
                                y[yRow + ch] = max ? (e > y[yRow + ch] ? e : y[yRow + ch]) : y[yRow + ch] + e;
                            }
                        }
                    }
                    if (!max) {
                        float count = countPadding
                                ? (float) (Math.min(r0 + poolSize[0], rows + pads[2]) - r0) * (Math.min(c0 + poolSize[1], cols + pads[3]) - c0)
                                : (float) (rTo - rFrom) * (cTo - cFrom);
                        for (int ch = 0; ch < channels; ch++) {
                            y[yRow + ch] /= count;
                        }
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return type() + "(" + Arrays.toString(poolSize) + ", strides=" + Arrays.toString(strides) + ", "
                + padding.name().toLowerCase(java.util.Locale.ROOT)
                + (padding == Conv1D.Padding.EXPLICIT ? " " + Arrays.toString(pads) : "") + ")";
    }
}
