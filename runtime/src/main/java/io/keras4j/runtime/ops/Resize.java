package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Resizing of images {@code [batch, rows, cols, channels]} or volumes {@code [batch, depth, rows, cols, channels]},
 * channels last, to fixed {@code sizes}, by {@code scales} (an
 * axis of n positions gives the float32 product {@code n·scale}, truncated), or to the sizes a second input gives at run time
 * ({@code [batch, channels, rows, cols]}, ONNX's order), as Keras' Resizing and UpSampling2D (TensorFlow's
 * {@code tf.image.resize}) and ONNX Resize compute it. Each output position {@code o} of an axis maps to a source
 * coordinate {@code x} by {@code coordinates}; then NEAREST takes the input position {@code x} rounds to, LINEAR weighs the
 * two around it, CUBIC the four around it (Keys' cubic with coefficient {@code cubicA}; {@code excludeOutside} gives
 * positions outside the input no weight and renormalizes the rest, else they read the nearest edge). Positions are clamped
 * to the input. {@link Coordinates#TENSORFLOW} is TensorFlow's half-pixel mapping with its own arithmetic: scale
 * {@code in/out}, {@code x = (o + 0.5)·scale - 0.5} ({@code (o + 0.5)·scale}, floored, for nearest), and cubic weights
 * read from TensorFlow's table of 1024 steps with coefficient -0.5, outside positions excluded. As ONNX Runtime does, an
 * axis of scale 1 maps each position onto itself, an image resized to its own size is copied, and sizes from scales are
 * their float32 products with the input's, truncated.
 */
public final class Resize implements Op {
    /** How a value is read around its source coordinate. */
    public enum Mode { NEAREST, LINEAR, CUBIC }

    /** How an output position maps to a source coordinate (ONNX's coordinate_transformation_mode, and TensorFlow's). */
    public enum Coordinates { HALF_PIXEL, PYTORCH_HALF_PIXEL, ALIGN_CORNERS, ASYMMETRIC, TF_HALF_PIXEL_FOR_NN, TENSORFLOW }

    /** How NEAREST rounds a source coordinate (ONNX's nearest_mode). */
    public enum Rounding { ROUND_PREFER_FLOOR, ROUND_PREFER_CEIL, FLOOR, CEIL }

    /** The positions of TensorFlow's cubic weight table. */
    private static final int TABLE = 1024;
    /** TensorFlow's Keys cubic weights (coefficient -0.5) at {@code i/TABLE} and {@code i/TABLE + 1}, interleaved. */
    private static final float[] TF_CUBIC = tfCubicTable();
    /** The largest axis a Resize reads or writes. */
    private static final int MAX_AXIS = 1 << 24;

    private final Mode mode;
    private final Coordinates coordinates;
    private final Rounding rounding;
    private final float cubicA;
    private final boolean excludeOutside;
    private final int[] sizes;
    private final float[] scales;
    /**
     * The region around the image's centre that is resized, as Keras frames it (fixed sizes and TensorFlow's coordinates
     * only; computed per call, so images of any size work).
     */
    public enum Frame {
        /** The image. */
        IMAGE,
        /** Cropped to the aspect ratio of {@code sizes}, as Keras' Resizing with {@code crop_to_aspect_ratio}. */
        CROP_TO_ASPECT_RATIO,
        /**
         * Padded with a fill value towards the aspect ratio of {@code sizes}, as Keras' Resizing with
         * {@code pad_to_aspect_ratio}: the same number of positions on both sides, half the missing ones rounded down.
         */
        PAD_TO_ASPECT_RATIO,
        /**
         * As Keras' CenterCrop: cropped to {@code sizes} themselves where the image is at least that large (the resize is
         * then none), else as CROP_TO_ASPECT_RATIO (Keras' {@code smart_resize}).
         */
        CENTER_CROP
    }

    private final Frame frame;
    /** The value of PAD_TO_ASPECT_RATIO's padding. */
    private final float fill;

    /**
     * @param sizes  the output (depth,) rows and columns, or null
     * @param scales the factor of each of them, or null (with {@code sizes} null too, the rows and columns come from a
     *               second input)
     */
    public Resize(Mode mode, Coordinates coordinates, Rounding rounding, float cubicA, boolean excludeOutside, int[] sizes,
                  float[] scales) {
        this(mode, coordinates, rounding, cubicA, excludeOutside, sizes, scales, Frame.IMAGE, 0);
    }

    private Resize(Mode mode, Coordinates coordinates, Rounding rounding, float cubicA, boolean excludeOutside, int[] sizes,
                   float[] scales, Frame frame, float fill) {
        boolean framed = frame != Frame.IMAGE;
        if (framed && (sizes == null || coordinates != Coordinates.TENSORFLOW) || sizes != null && scales != null || sizes != null && (sizes.length < 2 || sizes.length > 3
                || Arrays.stream(sizes).anyMatch(v -> v <= 0 || v > MAX_AXIS)) || scales != null && (scales.length < 2
                || scales.length > 3 || !IntStream.range(0, scales.length).allMatch(i -> scales[i] > 0 && scales[i] < MAX_AXIS))
                || framed && sizes.length != 2 || !Float.isFinite(cubicA)) {
            throw new IllegalArgumentException("invalid Resize: sizes " + Arrays.toString(sizes) + ", scales "
                    + Arrays.toString(scales) + ", cubic coefficient " + cubicA);
        }
        this.mode = mode;
        this.coordinates = coordinates;
        this.rounding = rounding;
        this.cubicA = cubicA;
        this.excludeOutside = excludeOutside;
        this.sizes = sizes == null ? null : sizes.clone();
        this.scales = scales == null ? null : scales.clone();
        this.frame = frame;
        this.fill = fill;
    }

    /**
     * This resize after a crop of the image's centre to the aspect ratio of its sizes, as Keras' Resizing computes it with
     * {@code crop_to_aspect_ratio} (fixed sizes and TensorFlow's coordinates only).
     */
    public Resize croppedToAspectRatio() {
        return new Resize(mode, coordinates, rounding, cubicA, excludeOutside, sizes, scales, Frame.CROP_TO_ASPECT_RATIO, 0);
    }

    /**
     * This resize after padding the image with {@code fill} towards the aspect ratio of its sizes, as Keras' Resizing
     * computes it with {@code pad_to_aspect_ratio} (fixed sizes and TensorFlow's coordinates only).
     */
    public Resize paddedToAspectRatio(float fill) {
        return new Resize(mode, coordinates, rounding, cubicA, excludeOutside, sizes, scales, Frame.PAD_TO_ASPECT_RATIO, fill);
    }

    /**
     * This resize framed as Keras' CenterCrop frames it: the centre cropped to the sizes where the image is at least that
     * large, else to their aspect ratio (fixed sizes and TensorFlow's coordinates only; decided per call).
     */
    public Resize centerCropped() {
        return new Resize(mode, coordinates, rounding, cubicA, excludeOutside, sizes, scales, Frame.CENTER_CROP, 0);
    }

    @Override
    public String type() {
        return "Resize";
    }

    @Override
    public OpSpec spec() {
        OpSpec.Builder s = OpSpec.builder(type()).attr("mode", mode.name()).attr("coordinates", coordinates.name())
                .attr("rounding", rounding.name()).attr("cubic_a", cubicA).attr("exclude_outside", excludeOutside);
        if (sizes != null) {
            s.attr("sizes", sizes).attr("frame", frame.name()).attr("fill", fill);
        } else if (scales != null) {
            if (scales.length == 3) {
                s.attr("scale_depth", scales[0]);
            }
            s.attr("scale_rows", scales[scales.length - 2]).attr("scale_cols", scales[scales.length - 1]);
        }
        return s.build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Resize fromSpec(OpSpec s) {
        return new Resize(s.enumAttr("mode", Mode.class), s.enumAttr("coordinates", Coordinates.class),
                s.enumAttr("rounding", Rounding.class), (float) s.doubleAttr("cubic_a"), s.boolAttr("exclude_outside"),
                s.has("sizes") ? s.intsAttr("sizes") : null, !s.has("scale_rows") ? null : s.has("scale_depth")
                        ? new float[] {(float) s.doubleAttr("scale_depth"), (float) s.doubleAttr("scale_rows"),
                                (float) s.doubleAttr("scale_cols")}
                        : new float[] {(float) s.doubleAttr("scale_rows"), (float) s.doubleAttr("scale_cols")},
                s.has("frame") ? s.enumAttr("frame", Frame.class) : s.has("crop_to_aspect_ratio")
                        && s.boolAttr("crop_to_aspect_ratio") ? Frame.CROP_TO_ASPECT_RATIO : Frame.IMAGE,
                s.has("fill") ? (float) s.doubleAttr("fill") : 0);
    }

    /** The spatial axes resized: two, or three for volumes; two with sizes read at run time. */
    private int axes() {
        return sizes != null ? sizes.length : scales != null ? scales.length : 2;
    }

    /**
     * Output positions along axis {@code a} of three (0 depth, 1 rows, 2 columns; a missing depth stays 1) for {@code in}
     * input positions; from {@code given} sizes when read at run time.
     */
    private int outSize(int a, int in, float[] given) {
        int axis = a - (3 - axes());
        if (axis < 0) {
            return 1;
        }
        if (sizes != null) {
            return sizes[axis];
        }
        if (scales == null) {
            return given == null ? -1 : (int) given[2 + axis];
        }
        // ONNX Runtime's size: the float32 product, truncated (exact for Keras' whole factors)
        return in < 0 ? -1 : (int) Math.min(scales[axis] * (float) in, Integer.MAX_VALUE);
    }

    /** The sizes, when read at run time. */
    @Override
    public boolean shapeReadsValue(int input) {
        return sizes == null && scales == null && input == 1;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return outputShapes(in, null);
    }

    /** TensorFlow's bilinear and bicubic kernels blend a row per channel first: room for one row of channels. */
    @Override
    public int scratchSize(int[][] in) {
        int[] x = in[0];
        return coordinates == Coordinates.TENSORFLOW && mode != Mode.NEAREST ? Shapes.checkedScratch(x[x.length - 1]) : 0;
    }

    /** With the sizes read at run time, the rows and columns their last two values give (unknown until they are known). */
    @Override
    public int[][] outputShapes(int[][] in, float[][] values) {
        boolean read = sizes == null && scales == null;
        if (read && (in.length != 2 || in[1].length != 1 || in[1][0] != 4)) {
            throw new IllegalArgumentException("Resize takes an image and its sizes [batch, channels, rows, cols], got "
                    + Arrays.deepToString(in));
        }
        int axes = axes();
        int[] x = read ? in[0] : Inputs.single(in, type());
        Inputs.rank(x, axes + 2, "input");
        float[] given = read && values != null ? values[1] : null;
        for (int d = 0; given != null && d < 4; d++) {
            int want = d == 0 ? x[0] : d == 1 ? x[3] : -1;
            if (given[d] != Math.rint(given[d]) || given[d] < 1 || given[d] > MAX_AXIS || want >= 0 && given[d] != want) {
                throw new IllegalArgumentException("sizes " + Arrays.toString(given) + " must be the input's batch and "
                        + "channels (input " + Shapes.toString(x) + ", channels last) and whole rows and columns from 1 to 2^24");
            }
        }
        int[] y = x.clone();
        for (int a = 3 - axes; a < 3; a++) {
            int size = x[a - 2 + axes];
            int out = outSize(a, size, given);
            if (size == 0 || out == 0 || size > MAX_AXIS || out > MAX_AXIS) {
                throw new IllegalArgumentException("Resize of " + Shapes.toString(Arrays.copyOfRange(x, 1, axes + 1))
                        + " positions gives " + out + " along axis " + (a - 2 + axes) + " (each at least 1 and at most 2^24)");
            }
            y[a - 2 + axes] = out;
        }
        return new int[][] {y};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] s = inputShapes[0];
        int axes = axes();
        int depth = WindowAxis.sizeOfThree(s, axes, 0);
        int rows = WindowAxis.sizeOfThree(s, axes, 1);
        int cols = WindowAxis.sizeOfThree(s, axes, 2);
        int channels = s[s.length - 1];
        float[] given = inputs.length > 1 ? inputs[1] : null;
        int outDepth = outSize(0, depth, given);
        int outRows = outSize(1, rows, given);
        int outCols = outSize(2, cols, given);
        // Keras' frames (two axes): int32 products and float32 quotients, truncated, as its TensorFlow backend computes them
        int frameRows = rows;
        int frameCols = cols;
        if (frame == Frame.CENTER_CROP && rows >= sizes[0] && cols >= sizes[1]) {
            frameRows = sizes[0];
            frameCols = sizes[1];
        } else if (frame == Frame.CROP_TO_ASPECT_RATIO || frame == Frame.CENTER_CROP) {
            frameRows = Math.max(Math.min(rows, aspect(cols, 0)), 1);
            frameCols = Math.max(Math.min(cols, aspect(rows, 1)), 1);
        } else if (frame == Frame.PAD_TO_ASPECT_RATIO) {
            frameRows = rows + 2 * (int) ((float) (Math.max(rows, aspect(cols, 0)) - rows) / 2);
            frameCols = cols + 2 * (int) ((float) (Math.max(cols, aspect(rows, 1)) - cols) / 2);
        }
        int top = (int) ((float) (rows - frameRows) / 2); // negative where padded: the frame starts before the image
        int left = (int) ((float) (cols - frameCols) / 2);
        int taps = mode == Mode.NEAREST ? 1 : mode == Mode.LINEAR ? 2 : 4;
        boolean flat = depth == 1 && outDepth == 1; // an image, or a volume of one plane: the depth is not resized
        int depthTaps = flat ? 1 : taps;
        float[] x = inputs[0];
        float[] y = outputs[0];
        if (frame == Frame.CENTER_CROP && frameRows == outRows && frameCols == outCols
                || frame == Frame.IMAGE && (coordinates != Coordinates.TENSORFLOW || mode != Mode.CUBIC) && outDepth == depth
                && outRows == rows && outCols == cols) {
            // Keras' CenterCrop slices; ONNX Runtime, and TensorFlow but for bicubic, copy an image of its own size
            for (int p = 0; p < s[0] * depth; p++) {
                for (int r = 0; r < outRows; r++) {
                    System.arraycopy(x, ((p * rows + top + r) * cols + left) * channels, y, (p * outRows + r) * outCols * channels,
                            outCols * channels);
                }
            }
            return;
        }
        if (flat && coordinates == Coordinates.TENSORFLOW && mode != Mode.NEAREST) {
            tensorflow(x, s[0], rows, cols, channels, frameRows, frameCols, top, left, y, outRows, outCols, scratch);
            return;
        }
        int yRow = 0;
        for (int b = 0; b < s[0]; b++) {
            for (int od = 0; od < outDepth; od++) {
                for (int or = 0; or < outRows; or++) {
                    for (int oc = 0; oc < outCols; oc++, yRow += channels) {
                        Arrays.fill(y, yRow, yRow + channels, 0f);
                        for (int h = 0; h < depthTaps; h++) {
                            long depthTap = flat ? packed(0, 1) : tap(0, od, h, depth, outDepth);
                            float wd = Float.intBitsToFloat((int) depthTap);
                            if (wd == 0) {
                                continue;
                            }
                            int plane = b * depth + (int) (depthTap >>> 32);
                            for (int i = 0; i < taps; i++) {
                                long rowTap = tap(1, or, i, frameRows, outRows);
                                float wr = wd * Float.intBitsToFloat((int) rowTap);
                                if (wr == 0) {
                                    continue;
                                }
                                for (int j = 0; j < taps; j++) {
                                    long colTap = tap(2, oc, j, frameCols, outCols);
                                    float w = wr * Float.intBitsToFloat((int) colTap);
                                    if (w == 0) {
                                        continue;
                                    }
                                    int r = top + (int) (rowTap >>> 32);
                                    int c = left + (int) (colTap >>> 32);
                                    if (r < 0 || r >= rows || c < 0 || c >= cols) { // the padding of PAD_TO_ASPECT_RATIO
                                        for (int ch = 0; ch < channels; ch++) {
                                            y[yRow + ch] += w * fill;
                                        }
                                        continue;
                                    }
                                    int xRow = ((plane * rows + r) * cols + c) * channels;
                                    for (int ch = 0; ch < channels; ch++) {
                                        y[yRow + ch] += w * x[xRow + ch];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * An image resized as TensorFlow's kernels compute it, in float32: bilinear as {@code a + (b - a)·t} along the columns,
     * then the rows; bicubic as the four taps along the columns, then the four rows, a zero weight multiplied too (so an
     * infinity or NaN nearby gives NaN, as there). The frame starts {@code top}, {@code left} positions into the image
     * (before it where padded: fill values there). The taps of each output position are computed once, for all its
     * channels; {@code row} holds a row's values per channel ({@link #scratchSize}).
     */
    private void tensorflow(float[] x, int batch, int rows, int cols, int channels, int frameRows, int frameCols, int top,
                            int left, float[] y, int outRows, int outCols, float[] row) {
        int taps = mode == Mode.LINEAR ? 2 : 4;
        int yAt = 0;
        for (int b = 0; b < batch; b++) {
            for (int or = 0; or < outRows; or++) {
                for (int oc = 0; oc < outCols; oc++, yAt += channels) {
                    for (int i = 0; i < taps; i++) {
                        long rowTap = tap(1, or, i, frameRows, outRows);
                        int r = top + (int) (rowTap >>> 32);
                        for (int j = 0; j < taps; j++) { // row i along the columns, into row[channel]
                            long colTap = tap(2, oc, j, frameCols, outCols);
                            int c = left + (int) (colTap >>> 32);
                            boolean padding = r < 0 || r >= rows || c < 0 || c >= cols;
                            int xAt = padding ? 0 : ((b * rows + r) * cols + c) * channels;
                            float t = Float.intBitsToFloat((int) colTap);
                            for (int ch = 0; ch < channels; ch++) {
                                float v = padding ? fill : x[xAt + ch];
                                row[ch] = taps == 2 ? (j == 0 ? v : row[ch] + (v - row[ch]) * t) // lerp
                                        : (j == 0 ? 0 : row[ch]) + t * v;
                            }
                        }
                        float t = Float.intBitsToFloat((int) rowTap);
                        for (int ch = 0; ch < channels; ch++) { // then the rows, into y
                            float value = y[yAt + ch];
                            y[yAt + ch] = taps == 2 ? (i == 0 ? row[ch] : value + (row[ch] - value) * t)
                                    : (i == 0 ? 0 : value) + t * row[ch];
                        }
                    }
                }
            }
        }
    }

    /**
     * The size along axis {@code axis} (0 rows, 1 columns) of the sizes' aspect ratio for {@code other} positions along the
     * other axis, as Keras' TensorFlow backend computes it: an int32 product, a float32 quotient, truncated.
     */
    private int aspect(int other, int axis) {
        return (int) ((float) (other * sizes[axis]) / sizes[1 - axis]);
    }

    /**
     * Tap {@code k} of output position {@code o} along {@code axis} of three ({@code in} input and {@code out} output
     * positions):
     * the input position it reads in the high 32 bits, its weight's float bits in the low 32.
     */
    private long tap(int axis, int o, int k, int in, int out) {
        int given = axis - (3 - axes());
        float scale = scales == null || given < 0 || coordinates == Coordinates.TENSORFLOW ? (float) out / in : scales[given];
        float x = scale == 1 ? o : source(o, in, out, scale); // ONNX Runtime maps an axis of scale 1 onto itself
        if (mode == Mode.NEAREST) {
            return packed(clamp(nearest(x), in), 1);
        }
        int lower = (int) Math.floor(x);
        if (mode == Mode.LINEAR) {
            // TensorFlow weighs the clamped positions by x's distance from its floor; ONNX Runtime clamps x first
            // (and reads the ceiling above it, the floor itself at a whole coordinate)
            boolean tf = coordinates == Coordinates.TENSORFLOW;
            float t = tf ? x - lower : Math.max(0, Math.min(x, in - 1)) - clamp(lower, in);
            return packed(clamp(k == 0 ? lower : tf ? (int) Math.ceil(x) : lower + 1, in), k == 0 ? 1 - t : t);
        }
        float t = x - lower;
        boolean exclude = excludeOutside || coordinates == Coordinates.TENSORFLOW;
        float sum = 0;
        float weight = 0;
        for (int q = 0; q < 4; q++) {
            int position = lower - 1 + q;
            float w = exclude && (position < 0 || position >= in) ? 0 : cubicWeight(t, q);
            sum += w;
            if (q == k) {
                weight = w;
            }
        }
        return packed(clamp(lower - 1 + k, in), exclude ? weight / sum : weight);
    }

    private static long packed(int position, float weight) {
        return (long) position << 32 | Float.floatToRawIntBits(weight) & 0xffffffffL;
    }

    /** The cubic weight of tap {@code q} (0 to 3, from the position before the floor) at {@code t} past the floor. */
    private float cubicWeight(float t, int q) {
        if (coordinates == Coordinates.TENSORFLOW) {
            int offset = (int) Math.rint(t * TABLE);
            return TF_CUBIC[q == 0 ? offset * 2 + 1 : q == 1 ? offset * 2 : q == 2 ? (TABLE - offset) * 2 : (TABLE - offset) * 2 + 1];
        }
        return keys(Math.abs(t - (q - 1)), cubicA);
    }

    /** The source coordinate of output position {@code o}. */
    private float source(int o, int in, int out, float scale) {
        if (scales == null && mode == Mode.NEAREST && (rounding == Rounding.ROUND_PREFER_FLOOR
                || rounding == Rounding.ROUND_PREFER_CEIL) && coordinates != Coordinates.TENSORFLOW
                && coordinates != Coordinates.ALIGN_CORNERS) {
            // ONNX Runtime rounds these from in/out in double, so an exact half stays one (14 to 19, position 9: 6.5)
            double offset = coordinates == Coordinates.ASYMMETRIC ? 0 : 0.5;
            double shift = coordinates == Coordinates.HALF_PIXEL || coordinates == Coordinates.PYTORCH_HALF_PIXEL ? 0.5 : 0;
            return coordinates == Coordinates.PYTORCH_HALF_PIXEL && out == 1 ? 0f : (float) ((o + offset) * in / out - shift);
        }
        switch (coordinates) {
            case TENSORFLOW:
                float tfScale = (float) in / out;
                return mode == Mode.NEAREST ? (o + 0.5f) * tfScale : (o + 0.5f) * tfScale - 0.5f;
            case PYTORCH_HALF_PIXEL:
                return out > 1 ? (o + 0.5f) / scale - 0.5f : 0f;
            case ALIGN_CORNERS:
                return out == 1 ? 0f : (float) o * (in - 1) / (out - 1);
            case ASYMMETRIC:
                return o / scale;
            case TF_HALF_PIXEL_FOR_NN:
                return (o + 0.5f) / scale;
            default:
                return (o + 0.5f) / scale - 0.5f;
        }
    }

    private float nearest(float x) {
        if (coordinates == Coordinates.TENSORFLOW) {
            return (float) Math.floor(x);
        }
        switch (rounding) {
            case FLOOR:
                return (float) Math.floor(x);
            case CEIL:
                return (float) Math.ceil(x);
            case ROUND_PREFER_CEIL:
                return (float) Math.floor(x + 0.5f);
            default:
                return x == Math.floor(x) + 0.5f ? (float) Math.floor(x) : (float) Math.round(x);
        }
    }

    private static int clamp(float position, int in) {
        return (int) Math.max(0, Math.min(position, in - 1));
    }

    /** Keys' cubic convolution weight at distance {@code d} with coefficient {@code a}. */
    private static float keys(float d, float a) {
        if (d <= 1) {
            return ((a + 2) * d - (a + 3)) * d * d + 1;
        }
        return d < 2 ? ((a * d - 5 * a) * d + 8 * a) * d - 4 * a : 0;
    }

    private static float[] tfCubicTable() {
        float[] table = new float[(TABLE + 1) * 2];
        float a = -0.5f;
        for (int i = 0; i <= TABLE; i++) {
            float x = i * 1.0f / TABLE;
            table[i * 2] = ((a + 2) * x - (a + 3)) * x * x + 1;
            x += 1.0f;
            table[i * 2 + 1] = ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
        }
        return table;
    }

    @Override
    public String toString() {
        return "Resize(" + mode.name().toLowerCase(Locale.ROOT) + ", " + coordinates.name().toLowerCase(Locale.ROOT) + ", "
                + (sizes != null ? "to " + Arrays.toString(sizes) : "by " + Arrays.toString(scales)) + ")";
    }
}
