package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.MatMul;
import java.util.Arrays;
import java.util.Locale;

/**
 * Keras Conv1D, Conv2D and Conv3D, ONNX Conv, channels last over one to three spatial axes: {@code [batch, (depth,)
 * (rows,) cols, inChannels] -> [batch, (outDepth,) (outRows,) outCols, filters]}, {@code y[p] = activation(bias +
 * sum_taps x[p·strides - before + tap·dilations] · kernel[tap])}, with positions outside the input reading zeros. Each
 * axis is padded as {@link Padding} says: VALID none, SAME as TensorFlow (the smaller half before), CAUSAL (one axis
 * only) all before, EXPLICIT the given {@code pads} (ONNX's order: each axis' leading padding, then each axis' trailing
 * one), or, with {@code tfSame}, as TensorFlow's Conv3D pads channels last ({@link Padding#tfSamePadBefore}). Grouped
 * convolution splits channels and filters into {@code groups} equal blocks and runs position by position. Without groups,
 * the windows of up to {@link Patches#CHUNK} positions are gathered into scratch and multiplied with the kernel at once.
 * Fewer axes run as three with a depth (and rows) of one.
 */
public final class Convolution implements Op {
    private final int inChannels;
    private final int filters;
    private final int[] kernelSize;
    private final int[] strides;
    private final int[] dilations;
    private final Padding padding;
    private final int[] pads;
    private final int groups;
    /** SAME pads as TensorFlow's Conv3D does channels last on a CPU (see {@link Padding#tfSamePadBefore}). */
    private final boolean tfSame;
    /** With groups, the kernel as given; else null (the packed one holds it). */
    private final float[] kernel;
    /** Without groups: the kernel as {@link MatMul#multiply} reads it, for the product with gathered windows; else null. */
    private final float[] packed;
    private final float[] bias;
    private final Activation activation;
    /** Kernel sizes, strides, dilations, spans and leading and trailing pads over three axes (fewer lead with sizes of 1). */
    private final int[] window;
    private final int[] step;
    private final int[] dilation;
    private final int[] span;
    private final int[] padBegin;
    private final int[] padEnd;

    /**
     * @param kernelSize (depth,) (rows and) columns of the kernel; {@code strides} and {@code dilations} likewise
     * @param padding    VALID, SAME, CAUSAL (one axis) or EXPLICIT
     * @param pads       for EXPLICIT: each axis' leading pad, then each axis' trailing one; else null
     * @param tfSame     over three axes with SAME, pad as TensorFlow's Conv3D does channels last on a CPU
     *                   ({@link Padding#tfSamePadBefore}), where Keras' channels-last layer runs; else as Conv2D does
     * @param kernel     {@code [(depth,) (rows,) cols, inChannels/groups, filters]}, row-major (the Keras layout)
     * @param bias       {@code [filters]}, or null
     */
    public Convolution(int inChannels, int filters, int[] kernelSize, int[] strides, int[] dilations, Padding padding,
                       int[] pads, int groups, boolean tfSame, float[] kernel, float[] bias, Activation activation) {
        int axes = kernelSize.length;
        if (axes < 1 || axes > 3 || !WindowAxis.positive(axes, kernelSize, strides, dilations) || inChannels <= 0
                || filters <= 0 || padding == Padding.CAUSAL && axes != 1 || (padding == Padding.EXPLICIT) != (pads != null)
                || pads != null && (pads.length != 2 * axes
                        || Arrays.stream(pads).anyMatch(p -> p < 0 || p > WindowAxis.MAX_PAD))
                || groups <= 0 || inChannels % groups != 0 || filters % groups != 0 || tfSame && axes != 3) {
            throw new IllegalArgumentException("invalid Conv" + axes + "D: kernel " + Arrays.toString(kernelSize)
                    + ", strides " + Arrays.toString(strides) + ", dilations " + Arrays.toString(dilations) + ", padding "
                    + padding + ", pads " + Arrays.toString(pads) + ", groups " + groups
                    + (tfSame ? " (TensorFlow's 3-D same)" : "") + " for " + inChannels + " channels and " + filters
                    + " filters");
        }
        int[] spans = WindowAxis.spans(kernelSize, dilations, "Conv" + axes + "D");
        Weights.check("kernel", kernel, Weights.kernelShape(kernelSize, inChannels / groups, filters));
        if (bias != null) {
            Weights.check("bias", bias, filters);
        }
        this.inChannels = inChannels;
        this.filters = filters;
        this.kernelSize = kernelSize.clone();
        this.strides = strides.clone();
        this.dilations = dilations.clone();
        this.padding = padding;
        this.pads = pads == null ? new int[2 * axes] : pads.clone();
        this.groups = groups;
        this.tfSame = tfSame && padding == Padding.SAME;
        this.window = WindowAxis.asThree(kernelSize, 0, axes, 1);
        this.step = WindowAxis.asThree(strides, 0, axes, 1);
        this.dilation = WindowAxis.asThree(dilations, 0, axes, 1);
        this.span = WindowAxis.asThree(spans, 0, axes, 1);
        this.padBegin = WindowAxis.asThree(this.pads, 0, axes, 0);
        this.padEnd = WindowAxis.asThree(this.pads, axes, axes, 0);
        this.kernel = groups == 1 ? null : kernel;
        this.packed = groups == 1 ? MatMul.pack(kernel, taps() * inChannels, filters) : null;
        this.bias = bias;
        this.activation = activation;
    }

    @Override
    public String type() {
        return "Conv" + kernelSize.length + "D";
    }

    @Override
    public OpSpec spec() {
        OpSpec.Builder s = OpSpec.builder(type()).attr("in_channels", inChannels).attr("filters", filters)
                .attr("kernel_size", kernelSize).attr("strides", strides).attr("dilations", dilations)
                .attr("padding", padding.name());
        if (padding == Padding.EXPLICIT) {
            s.attr("pads", pads);
        }
        return s.attr("groups", groups).attr("tf_same", tfSame).attr("activation", activation)
                .weight("kernel", kernel(), Weights.kernelShape(kernelSize, inChannels / groups, filters))
                .weight("bias", bias, filters).build();
    }

    /**
     * Rebuilds the op from its {@link #spec()} (type Conv1D, Conv2D or Conv3D). Specs written before the three were one
     * op lack {@code tf_same} (Conv1D, Conv2D) or {@code groups} (Conv3D): false and 1; a Conv1D's held one integer each
     * in {@code kernel_size}, {@code stride} and {@code dilation}, and its explicit pads in {@code pad_begin} and
     * {@code pad_end}.
     */
    public static Convolution fromSpec(OpSpec s) {
        Padding padding = s.enumAttr("padding", Padding.class);
        boolean explicit = padding == Padding.EXPLICIT;
        Convolution op = s.has("stride")
                ? new Convolution(s.intAttr("in_channels"), s.intAttr("filters"), new int[] {s.intAttr("kernel_size")},
                        new int[] {s.intAttr("stride")}, new int[] {s.intAttr("dilation")}, padding,
                        explicit ? new int[] {s.intAttr("pad_begin"), s.intAttr("pad_end")} : null, s.intAttr("groups"),
                        false, s.weight("kernel"), s.weight("bias"), s.activation("activation"))
                : new Convolution(s.intAttr("in_channels"), s.intAttr("filters"), s.intsAttr("kernel_size"),
                        s.intsAttr("strides"), s.intsAttr("dilations"), padding, explicit ? s.intsAttr("pads") : null,
                        s.has("groups") ? s.intAttr("groups") : 1, s.has("tf_same") && s.boolAttr("tf_same"),
                        s.weight("kernel"), s.weight("bias"), s.activation("activation"));
        return WindowAxis.ofSpecType(op, s);
    }

    /** The kernel {@code [(depth,) (rows,) cols, inChannels/groups, filters]} (a copy where it is held packed). */
    float[] kernel() {
        return kernel != null ? kernel : MatMul.unpack(packed, taps() * inChannels, filters);
    }

    private int taps() {
        return window[0] * window[1] * window[2];
    }

    /** Output positions along axis {@code a} of the three (0 depth, 1 rows, 2 columns) for {@code size} input positions. */
    private int outSize(int a, int size) {
        return WindowAxis.outSize(padding, size, span[a], step[a], padBegin[a], padEnd[a]);
    }

    private int before(int a, int size) {
        int out = outSize(a, size);
        return WindowAxis.padBefore(padding, tfSame, size, out, span[a], step[a], padBegin[a]);
    }

    /** Output positions of an input {@code [batch, (depth,) (rows,) cols, channels]}, all spatial axes together. */
    private int positions(int[] x) {
        int axes = kernelSize.length;
        int positions = 1;
        for (int a = 0; a < 3; a++) {
            positions *= outSize(a, WindowAxis.sizeOfThree(x, axes, a));
        }
        return positions;
    }

    /** Floats of gathered windows the product needs (none with groups, which run position by position). */
    private long patchSize(int positions) {
        long k = (long) taps() * inChannels;
        return packed == null ? 0 : Math.min(positions, Patches.chunk(k)) * k;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int axes = kernelSize.length;
        int[] x = Inputs.single(in, type());
        Inputs.rank(x, axes + 2, "input");
        Inputs.lastDim(x, inChannels, "input");
        int[] y = x.clone();
        boolean fits = true;
        for (int a = 0; a < axes; a++) {
            y[a + 1] = outSize(a + 3 - axes, x[a + 1]);
            fits &= y[a + 1] != 0 && x[a + 1] != 0;
        }
        if (!fits) {
            throw new IllegalArgumentException("kernel " + Arrays.toString(kernelSize) + " with dilations "
                    + Arrays.toString(dilations) + " and padding " + paddingText()
                    + " does not fit in an input of " + Arrays.toString(Arrays.copyOfRange(x, 1, axes + 1)) + " positions");
        }
        y[axes + 1] = activation.outputWidth(filters);
        return new int[][] {y};
    }

    @Override
    public int scratchSize(int[][] in) {
        int[] x = in[0];
        int positions = positions(x);
        long activated = activation.outputWidth(filters) == filters ? 0 : (long) x[0] * positions * filters;
        return Shapes.checkedScratch(patchSize(positions) + activated);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int axes = kernelSize.length;
        int[] s = inputShapes[0];
        int positions = positions(s);
        boolean activated = activation.outputWidth(filters) == filters;
        float[] y = activated ? outputs[0] : scratch;
        int yBase = activated ? 0 : (int) patchSize(positions); // fits: the planner sized the scratch by scratchSize
        convolve(inputs[0], 0, s[0], WindowAxis.sizeOfThree(s, axes, 0), WindowAxis.sizeOfThree(s, axes, 1),
                WindowAxis.sizeOfThree(s, axes, 2), y, yBase, scratch, 0);
        activation.apply(y, yBase, outputs[0], 0, s[0] * positions, filters);
    }

    /** Output positions along each spatial axis for frames of {@code sizes} positions, as {@link ConvLstm} runs them. */
    int[] outSizes(int[] sizes) {
        int[] out = new int[sizes.length];
        for (int a = 0; a < sizes.length; a++) {
            out[a] = outSize(a + 3 - sizes.length, sizes[a]);
        }
        return out;
    }

    /** Floats of work memory {@link #convolve(float[], int, int, int[], float[], int, float[], int)} needs. */
    long workSize(int[] sizes) {
        int positions = 1;
        for (int size : outSizes(sizes)) {
            positions *= size;
        }
        return patchSize(positions);
    }

    /**
     * The convolution before its activation, as {@link ConvLstm} runs it each step: {@code frames} frames of {@code sizes}
     * positions and the input channels each from {@code x[xOff]} into frames of {@link #outSizes} positions and the filters
     * each from {@code y[yOff]}, with {@link #workSize} floats of work memory from {@code work[workOff]}.
     */
    void convolve(float[] x, int xOff, int frames, int[] sizes, float[] y, int yOff, float[] work, int workOff) {
        int n = sizes.length;
        convolve(x, xOff, frames, n == 3 ? sizes[0] : 1, n >= 2 ? sizes[n - 2] : 1, sizes[n - 1], y, yOff, work, workOff);
    }

    private void convolve(float[] x, int xOff, int batch, int depth, int rows, int cols, float[] y, int yOff, float[] work,
                          int workOff) {
        int outRows = outSize(1, rows);
        int outCols = outSize(2, cols);
        int positions = outSize(0, depth) * outRows * outCols;
        int front = before(0, depth);
        int top = before(1, rows);
        int left = before(2, cols);
        int sample = depth * rows * cols * inChannels;
        int k = taps() * inChannels;
        int chunk = Patches.chunk(k);
        for (int b = 0; b < batch; b++) {
            if (packed == null) {
                grouped(x, xOff + b * sample, depth, rows, cols, front, top, left, outRows, outCols, positions, y,
                        yOff + b * positions * filters);
                continue;
            }
            for (int q0 = 0; q0 < positions; q0 += chunk) {
                int m = Math.min(chunk, positions - q0);
                Patches.gather(x, xOff + b * sample, depth, rows, cols, inChannels, window, step, dilation, front, top,
                        left, outRows, outCols, q0, m, work, workOff);
                MatMul.multiply(work, workOff, packed, bias, y, yOff + (b * positions + q0) * filters, m, k, filters);
            }
        }
    }

    /** A grouped convolution of one sample, position by position: each group's channels against its filters. */
    private void grouped(float[] x, int xOff, int depth, int rows, int cols, int front, int top, int left, int outRows,
                         int outCols, int positions, float[] y, int yOff) {
        int cg = inChannels / groups;
        int fg = filters / groups;
        for (int q = 0; q < positions; q++) {
            int yAt = yOff + q * filters;
            if (bias == null) {
                Arrays.fill(y, yAt, yAt + filters, 0f);
            } else {
                System.arraycopy(bias, 0, y, yAt, filters);
            }
            int start0 = q / (outRows * outCols) * step[0] - front;
            int start1 = q / outCols % outRows * step[1] - top;
            int start2 = q % outCols * step[2] - left;
            int tap = 0;
            for (int i = 0; i < window[0]; i++) {
                int d = start0 + i * dilation[0];
                for (int j = 0; j < window[1]; j++) {
                    int r = start1 + j * dilation[1];
                    for (int l = 0; l < window[2]; l++, tap++) {
                        int c = start2 + l * dilation[2];
                        if (d < 0 || d >= depth || r < 0 || r >= rows || c < 0 || c >= cols) {
                            continue;
                        }
                        int xAt = xOff + ((d * rows + r) * cols + c) * inChannels;
                        for (int g = 0; g < groups; g++) {
                            for (int ch = 0; ch < cg; ch++) {
                                MatMul.axpy(x[xAt + g * cg + ch], kernel, (tap * cg + ch) * filters + g * fg, y, yAt + g * fg,
                                        fg);
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public long parameterCount() {
        return (long) taps() * (inChannels / groups) * filters + (bias == null ? 0 : bias.length);
    }

    /** The padding's name, with the pads where they are explicit. */
    private String paddingText() {
        String name = padding.name().toLowerCase(Locale.ROOT);
        return padding == Padding.EXPLICIT ? name + " " + Arrays.toString(pads) : name;
    }

    /** The input shape with only the channels known. */
    private int[] inputShape() {
        int[] shape = new int[kernelSize.length + 2];
        Arrays.fill(shape, -1);
        shape[shape.length - 1] = inChannels;
        return shape;
    }

    @Override
    public String toString() {
        return type() + "(" + filters + ", k=" + Arrays.toString(kernelSize) + ", strides=" + Arrays.toString(strides)
                + ", dilations=" + Arrays.toString(dilations) + ", " + paddingText() + ", groups=" + groups
                + (tfSame ? ", TensorFlow's 3-D same" : "") + ", " + activation + ") on "
                + Shapes.toString(inputShape());
    }
}
