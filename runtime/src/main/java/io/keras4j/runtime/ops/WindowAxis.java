package io.keras4j.runtime.ops;

/**
 * One spatial axis of a convolution or pooling: how many windows of {@code span} positions every {@code stride} fit, and
 * how many padding positions come before the first, as TensorFlow (VALID, SAME, CAUSAL) and ONNX (EXPLICIT pads) lay them
 * out.
 */
final class WindowAxis {
    private WindowAxis() {
    }

    /** The most positions a window may span (kernel and dilation together). */
    static final int MAX_SPAN = 1 << 30;
    /** The most padding positions on one side of an axis, and the most windows of an adaptive pooling along one. */
    static final int MAX_PAD = 1 << 24;

    /**
     * The positions a window of {@code kernelSize} taps {@code dilation} apart spans, {@code (kernelSize-1)·dilation + 1};
     * refused above {@link #MAX_SPAN}, naming {@code what}.
     */
    static int span(int kernelSize, int dilation, String what) {
        long span = (kernelSize - 1L) * dilation + 1;
        if (span > MAX_SPAN) {
            throw new IllegalArgumentException(what + ": kernel size " + kernelSize + " with dilation " + dilation + " spans "
                    + span + " positions, more than keras4j accepts (2^30)");
        }
        return (int) span;
    }

    /** Whether kernel sizes, strides and dilations each give one positive size for each of {@code rank} axes. */
    static boolean positive(int rank, int[] kernelSize, int[] strides, int[] dilations) {
        for (int[] sizes : new int[][] {kernelSize, strides, dilations}) {
            if (sizes.length != rank || java.util.Arrays.stream(sizes).anyMatch(v -> v <= 0)) {
                return false;
            }
        }
        return true;
    }

    /** The {@link #span} of each axis' window, refused as there, naming {@code what}. */
    static int[] spans(int[] kernelSize, int[] dilations, String what) {
        int[] spans = new int[kernelSize.length];
        for (int axis = 0; axis < spans.length; axis++) {
            spans[axis] = span(kernelSize[axis], dilations[axis], what);
        }
        return spans;
    }

    /**
     * {@code axes} (1 to 3) per-axis values from {@code values[offset]} as three, depth, rows and columns, a missing depth
     * (and rows) taking {@code fill}: an op over fewer spatial axes runs them as three.
     */
    static int[] asThree(int[] values, int offset, int axes, int fill) {
        int[] three = {fill, fill, fill};
        System.arraycopy(values, offset, three, 3 - axes, axes);
        return three;
    }

    /**
     * The size of a channels-last input {@code [batch, spatial..., channels]} with {@code axes} (1 to 3) spatial axes along
     * axis {@code a} of the three of {@link #asThree} (a missing axis is 1).
     */
    static int sizeOfThree(int[] x, int axes, int a) {
        int lead = 3 - axes;
        return a < lead ? 1 : x[a + 1 - lead];
    }

    /**
     * {@code op}, rebuilt from {@code spec}, when its type is the spec's: an op over any number of axes takes its type from
     * the number of its kernel's, window's or output sizes, so a spec of one type whose sizes have another number of axes
     * is refused.
     */
    static <T extends Op> T ofSpecType(T op, OpSpec spec) {
        if (!op.type().equals(spec.type())) {
            throw new IllegalArgumentException("its attributes describe a " + op.type());
        }
        return op;
    }

    /** Windows over {@code size} positions (-1 stays -1); at most 0 means the axis is too short for one. */
    static int outSize(Padding padding, int size, int span, int stride, int padBegin, int padEnd) {
        if (size < 0) {
            return -1;
        }
        switch (padding) {
            case VALID:
            case EXPLICIT:
                long padded = (long) size + padBegin + padEnd;
                return padded < span ? 0 : (int) ((padded - span) / stride + 1);
            default:
                return (int) (((long) size + stride - 1) / stride);
        }
    }

    /**
     * Padding positions before the first of {@code out} windows over {@code size} positions; SAME as TensorFlow's 3-D
     * kernels pad ({@link Padding#tfSamePadBefore}) with {@code tfSame}.
     */
    static int padBefore(Padding padding, boolean tfSame, int size, int out, int span, int stride, int padBegin) {
        switch (padding) {
            case SAME:
                return tfSame ? Padding.tfSamePadBefore(size, out, stride, span) : Padding.samePadBefore(size, out, stride, span);
            case CAUSAL:
                return span - 1;
            case EXPLICIT:
                return padBegin;
            default:
                return 0;
        }
    }
}
