package io.keras4j.runtime.ops;

import java.util.Arrays;

/**
 * Keras MaxPooling2D, AveragePooling2D, MaxPooling3D and AveragePooling3D, channels last: windows of {@code poolSize}
 * positions along each of two ({@code [batch, rows, cols, channels]}) or three ({@code [batch, depth, rows, cols,
 * channels]}) spatial axes every {@code strides}, each giving the maximum or the mean of each channel. Each axis is padded
 * as {@link Padding} says: VALID none, SAME as TensorFlow (the smaller half before; over three axes as
 * TensorFlow's 3-D pooling, {@link Padding#tfSamePadBefore}), EXPLICIT the given {@code pads} (ONNX's order: each axis'
 * leading padding, then each axis' trailing one). Padded positions take no part in a maximum; an average divides by the
 * number of real positions in its window, or with {@code countPadding} (ONNX {@code count_include_pad}) by the window's
 * positions within the padded input. A maximum starts from float32's lowest finite value and takes each value greater
 * than it, as TensorFlow's 2-D pooling and ONNX Runtime's do: NaN is passed over, and a window of NaN and -inf gives
 * {@code -Float.MAX_VALUE}.
 */
public final class Pooling implements Op {
    private final boolean max;
    private final int[] poolSize;
    private final int[] strides;
    private final Padding padding;
    private final int[] pads;
    private final boolean countPadding;
    private final boolean ceilMode;
    /** Window sizes, strides and leading and trailing pads over three axes (two axes lead with one of size 1). */
    private final int[] window;
    private final int[] step;
    private final int[] padBegin;
    private final int[] padEnd;

    /**
     * @param poolSize     the window's size along each spatial axis (two or three); {@code strides} likewise
     * @param padding      VALID, SAME or EXPLICIT
     * @param pads         for EXPLICIT: each axis' leading padding, then each axis' trailing one (each below the window's
     *                     size); else null
     * @param countPadding an average divides by the number of the window's positions within the padded input, padding
     *                     included (only with EXPLICIT pads)
     */
    public Pooling(boolean max, int[] poolSize, int[] strides, Padding padding, int[] pads, boolean countPadding) {
        this(max, poolSize, strides, padding, pads, countPadding, false);
    }

    /**
     * As the other constructor; with {@code ceilMode} (ONNX {@code ceil_mode=1}, EXPLICIT pads only) a last window that
     * would run past the padding is kept where it starts inside the input or its leading padding, and clipped, even where
     * the window is larger than the padded input.
     */
    public Pooling(boolean max, int[] poolSize, int[] strides, Padding padding, int[] pads, boolean countPadding,
                   boolean ceilMode) {
        int axes = poolSize.length;
        if (axes < 2 || axes > 3 || strides.length != axes || ceilMode && pads == null
                || Arrays.stream(poolSize).anyMatch(p -> p <= 0) || Arrays.stream(strides).anyMatch(s -> s <= 0)
                || padding == Padding.CAUSAL || (padding == Padding.EXPLICIT) != (pads != null)
                || countPadding && (max || pads == null) || pads != null && !padsFit(pads, poolSize)) {
            throw new IllegalArgumentException("invalid " + (max ? "MaxPooling" : "AveragePooling") + axes + "D: pool size "
                    + Arrays.toString(poolSize) + ", strides " + Arrays.toString(strides) + ", padding " + padding + ", pads "
                    + Arrays.toString(pads) + (countPadding ? ", counting the padding" : "") + (ceilMode ? ", ceil mode" : ""));
        }
        this.max = max;
        this.poolSize = poolSize.clone();
        this.strides = strides.clone();
        this.padding = padding;
        this.pads = pads == null ? new int[2 * axes] : pads.clone();
        this.countPadding = countPadding;
        this.ceilMode = ceilMode;
        this.window = WindowAxis.asThree(poolSize, 0, axes, 1);
        this.step = WindowAxis.asThree(strides, 0, axes, 1);
        this.padBegin = WindowAxis.asThree(this.pads, 0, axes, 0);
        this.padEnd = WindowAxis.asThree(this.pads, axes, axes, 0);
    }

    private static boolean padsFit(int[] pads, int[] poolSize) {
        int axes = poolSize.length;
        if (pads.length != 2 * axes) {
            return false;
        }
        for (int a = 0; a < 2 * axes; a++) {
            if (pads[a] < 0 || pads[a] >= poolSize[a % axes]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String type() {
        return (max ? "MaxPooling" : "AveragePooling") + poolSize.length + "D";
    }

    @Override
    public OpSpec spec() {
        OpSpec.Builder s = OpSpec.builder(type()).attr("pool_size", poolSize).attr("strides", strides)
                .attr("padding", padding.name());
        if (padding == Padding.EXPLICIT) {
            s.attr("pads", pads).attr("count_padding", countPadding);
        }
        if (ceilMode) {
            s.attr("ceil_mode", true);
        }
        return s.build();
    }

    /** Rebuilds the op from its {@link #spec()} (type MaxPooling2D, AveragePooling2D, MaxPooling3D or AveragePooling3D). */
    public static Pooling fromSpec(OpSpec s) {
        Padding padding = s.enumAttr("padding", Padding.class);
        boolean explicit = padding == Padding.EXPLICIT;
        return WindowAxis.ofSpecType(new Pooling(s.type().startsWith("Max"), s.intsAttr("pool_size"), s.intsAttr("strides"),
                padding, explicit ? s.intsAttr("pads") : null, explicit && s.boolAttr("count_padding"),
                s.has("ceil_mode") && s.boolAttr("ceil_mode")), s);
    }

    /** Windows along internal axis {@code a} (0 depth, 1 rows, 2 columns) over {@code size} positions. */
    private int outSize(int a, int size) {
        if (!ceilMode || size < 0) {
            return WindowAxis.outSize(padding, size, window[a], step[a], padBegin[a], padEnd[a]);
        }
        long ceil = Math.floorDiv((long) size + padBegin[a] + padEnd[a] - window[a] + step[a] - 1, step[a]) + 1;
        return ceil <= 0 ? 0 : (int) ((ceil - 1) * step[a] >= (long) size + padBegin[a] ? ceil - 1 : ceil);
    }

    private int before(int a, int size, int out) {
        return WindowAxis.padBefore(padding, poolSize.length == 3, size, out, window[a], step[a], padBegin[a]);
    }

    private int size(int[] x, int a) {
        return WindowAxis.sizeOfThree(x, poolSize.length, a);
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int axes = poolSize.length;
        int[] x = Inputs.single(in, type());
        Inputs.rank(x, axes + 2, "input");
        int[] y = x.clone();
        for (int a = 3 - axes; a < 3; a++) {
            y[a - 2 + axes] = outSize(a, size(x, a));
            if (y[a - 2 + axes] == 0) {
                throw new IllegalArgumentException("pool size " + Arrays.toString(poolSize) + " does not fit in an input of "
                        + Arrays.toString(Arrays.copyOfRange(x, 1, axes + 1)) + " positions"
                        + (padding == Padding.EXPLICIT ? " with pads " + Arrays.toString(pads) : ""));
            }
        }
        return new int[][] {y};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] s = inputShapes[0];
        int depth = size(s, 0);
        int rows = size(s, 1);
        int cols = size(s, 2);
        int channels = s[s.length - 1];
        int outDepth = outSize(0, depth);
        int outRows = outSize(1, rows);
        int outCols = outSize(2, cols);
        int front = before(0, depth, outDepth);
        int top = before(1, rows, outRows);
        int left = before(2, cols, outCols);
        float[] x = inputs[0];
        float[] y = outputs[0];
        int yRow = 0;
        for (int b = 0; b < s[0]; b++) {
            for (int od = 0; od < outDepth; od++) {
                int d0 = od * step[0] - front;
                int dFrom = Math.max(d0, 0);
                int dTo = Math.min(d0 + window[0], depth);
                for (int or = 0; or < outRows; or++) {
                    int r0 = or * step[1] - top;
                    int rFrom = Math.max(r0, 0);
                    int rTo = Math.min(r0 + window[1], rows);
                    for (int oc = 0; oc < outCols; oc++, yRow += channels) {
                        int c0 = oc * step[2] - left;
                        int cFrom = Math.max(c0, 0);
                        int cTo = Math.min(c0 + window[2], cols);
                        Arrays.fill(y, yRow, yRow + channels, max ? -Float.MAX_VALUE : 0f);
                        for (int d = dFrom; d < dTo; d++) {
                            for (int r = rFrom; r < rTo; r++) {
                                for (int c = cFrom; c < cTo; c++) {
                                    int xRow = (((b * depth + d) * rows + r) * cols + c) * channels;
                                    for (int ch = 0; ch < channels; ch++) {
                                        float e = x[xRow + ch];
                                        y[yRow + ch] = max ? (e > y[yRow + ch] ? e : y[yRow + ch]) : y[yRow + ch] + e;
                                    }
                                }
                            }
                        }
                        if (!max) {
                            float count = countPadding
                                    ? (float) (Math.min(d0 + window[0], depth + padEnd[0]) - d0)
                                            * (Math.min(r0 + window[1], rows + padEnd[1]) - r0)
                                            * (Math.min(c0 + window[2], cols + padEnd[2]) - c0)
                                    : (float) (dTo - dFrom) * (rTo - rFrom) * (cTo - cFrom);
                            for (int ch = 0; ch < channels; ch++) {
                                y[yRow + ch] /= count;
                            }
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
                + (padding == Padding.EXPLICIT ? " " + Arrays.toString(pads) : "") + ")";
    }
}
