package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.MatMul;
import java.util.Arrays;

/**
 * Keras Conv3D and ONNX Conv over three axes, channels last: {@code [batch, depth, rows, cols, inChannels] ->
 * [batch, outDepth, outRows, outCols, filters]}, {@code y[p] = activation(bias + sum_taps x[p·strides - before +
 * tap·dilations] · kernel[tap])}, with positions outside the input reading zeros; each axis padded as {@link Conv1D} pads
 * its steps (VALID none, SAME as TensorFlow: the smaller half before, EXPLICIT the given pads), or, with {@code tfSame}, as
 * TensorFlow's Conv3D pads channels last ({@link #tfSamePadBefore}).
 * The windows of up to {@link Patches#CHUNK} positions are gathered into scratch and multiplied with the kernel at once.
 */
public final class Conv3D implements Op, FrameConvolution {
    private final int inChannels;
    private final int filters;
    private final int[] kernelSize;
    private final int[] strides;
    private final int[] dilations;
    private final Conv1D.Padding padding;
    /** Leading pads of depth, rows and columns, then trailing ones (zeros but for EXPLICIT). */
    private final int[] pads;
    /** SAME pads as TensorFlow's Conv3D does channels last on a CPU (see {@link #tfSamePadBefore}). */
    private final boolean tfSame;
    /** The kernel as {@link MatMul#multiply} reads it. */
    private final float[] packed;
    private final float[] bias;
    private final Activation activation;

    /**
     * @param kernelSize depth, rows and columns of the kernel; {@code strides} and {@code dilations} likewise
     * @param padding    VALID, SAME or EXPLICIT
     * @param pads       for EXPLICIT: the leading pads of depth, rows and columns, then the trailing ones; else null
     * @param tfSame     with SAME, pad as TensorFlow's Conv3D does channels last on a CPU ({@link #tfSamePadBefore}),
     *                   where Keras' channels-last layer runs; else as Conv2D does
     * @param kernel     {@code [depth][rows][cols][inChannels][filters]}, row-major (the Keras layout)
     * @param bias       {@code [filters]}, or null
     */
    public Conv3D(int inChannels, int filters, int[] kernelSize, int[] strides, int[] dilations, Conv1D.Padding padding,
                  int[] pads, boolean tfSame, float[] kernel, float[] bias, Activation activation) {
        if (!WindowAxis.positive(3, kernelSize, strides, dilations) || inChannels <= 0 || filters <= 0
                || padding == Conv1D.Padding.CAUSAL || (padding == Conv1D.Padding.EXPLICIT) != (pads != null)
                || pads != null && (pads.length != 6 || Arrays.stream(pads).anyMatch(p -> p < 0))) {
            throw new IllegalArgumentException("invalid Conv3D: kernel " + Arrays.toString(kernelSize) + ", strides "
                    + Arrays.toString(strides) + ", dilations " + Arrays.toString(dilations) + ", padding " + padding
                    + ", pads " + Arrays.toString(pads) + " for " + inChannels + " channels and " + filters + " filters");
        }
        WindowAxis.spans(kernelSize, dilations, "Conv3D");
        Weights.check("kernel", kernel, kernelSize[0], kernelSize[1], kernelSize[2], inChannels, filters);
        if (bias != null) {
            Weights.check("bias", bias, filters);
        }
        this.inChannels = inChannels;
        this.filters = filters;
        this.kernelSize = kernelSize.clone();
        this.strides = strides.clone();
        this.dilations = dilations.clone();
        this.padding = padding;
        this.pads = pads == null ? new int[6] : pads.clone();
        this.tfSame = tfSame && padding == Conv1D.Padding.SAME;
        this.packed = MatMul.pack(kernel, taps() * inChannels, filters);
        this.bias = bias;
        this.activation = activation;
    }

    @Override
    public String type() {
        return "Conv3D";
    }

    @Override
    public OpSpec spec() {
        OpSpec.Builder s = OpSpec.builder(type()).attr("in_channels", inChannels).attr("filters", filters)
                .attr("kernel_size", kernelSize).attr("strides", strides).attr("dilations", dilations)
                .attr("padding", padding.name());
        if (padding == Conv1D.Padding.EXPLICIT) {
            s.attr("pads", pads);
        }
        return s.attr("tf_same", tfSame).attr("activation", activation)
                .weight("kernel", kernel(), kernelSize[0], kernelSize[1], kernelSize[2], inChannels, filters)
                .weight("bias", bias, filters).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Conv3D fromSpec(OpSpec s) {
        Conv1D.Padding padding = s.enumAttr("padding", Conv1D.Padding.class);
        return new Conv3D(s.intAttr("in_channels"), s.intAttr("filters"), s.intsAttr("kernel_size"), s.intsAttr("strides"),
                s.intsAttr("dilations"), padding, padding == Conv1D.Padding.EXPLICIT ? s.intsAttr("pads") : null,
                s.boolAttr("tf_same"), s.weight("kernel"), s.weight("bias"), s.activation("activation"));
    }

    /** The kernel {@code [depth][rows][cols][inChannels][filters]} (a copy: it is held packed). */
    @Override
    public float[] kernel() {
        return MatMul.unpack(packed, taps() * inChannels, filters);
    }

    private int taps() {
        return kernelSize[0] * kernelSize[1] * kernelSize[2];
    }

    private int span(int axis) {
        return WindowAxis.span(kernelSize[axis], dilations[axis], type());
    }

    private int outSize(int axis, int size) {
        return WindowAxis.outSize(padding, size, span(axis), strides[axis], pads[axis], pads[axis + 3]);
    }

    private int before(int axis, int size) {
        int out = outSize(axis, size);
        return tfSame ? tfSamePadBefore(size, out, strides[axis], span(axis))
                : WindowAxis.padBefore(padding, size, out, span(axis), strides[axis], pads[axis]);
    }

    /**
     * The positions of padding before the first window of TensorFlow's SAME Conv3D (channels last, on a CPU): half of what
     * {@code out} windows of {@code span} every {@code stride} need beyond {@code size}, rounded toward zero and, unlike
     * Conv2D's ({@link Conv1D#samePadLeft}), not clamped at zero: where the stride is larger than the window the need is
     * negative and the windows start that many positions in (6 positions, stride 3, window 1: positions 1 and 4).
     */
    public static int tfSamePadBefore(int size, int out, int stride, int span) {
        return (int) (((long) (out - 1) * stride + span - size) / 2);
    }

    private long patchSize(int positions) {
        long k = (long) taps() * inChannels;
        return Math.min(positions, Patches.chunk(k)) * k;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        Inputs.rank(x, 5, "input");
        Inputs.lastDim(x, inChannels, "input");
        int[] y = {x[0], outSize(0, x[1]), outSize(1, x[2]), outSize(2, x[3]), activation.outputWidth(filters)};
        if (y[1] == 0 || y[2] == 0 || y[3] == 0) {
            throw new IllegalArgumentException("kernel " + Arrays.toString(kernelSize) + " with dilations "
                    + Arrays.toString(dilations) + " and padding " + padding.name().toLowerCase(java.util.Locale.ROOT)
                    + " does not fit in an input of " + x[1] + " x " + x[2] + " x " + x[3] + " positions");
        }
        return new int[][] {y};
    }

    @Override
    public int scratchSize(int[][] in) {
        int[] x = in[0];
        int positions = outSize(0, x[1]) * outSize(1, x[2]) * outSize(2, x[3]);
        long activated = activation.outputWidth(filters) == filters ? 0 : (long) x[0] * positions * filters;
        return Shapes.checkedScratch(patchSize(positions) + activated);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] s = inputShapes[0];
        int positions = outSize(0, s[1]) * outSize(1, s[2]) * outSize(2, s[3]);
        boolean activated = activation.outputWidth(filters) == filters;
        float[] y = activated ? outputs[0] : scratch;
        int yBase = activated ? 0 : (int) patchSize(positions); // fits: the planner sized the scratch by scratchSize
        convolve(inputs[0], 0, s[0], s[1], s[2], s[3], y, yBase, scratch, 0);
        activation.apply(y, yBase, outputs[0], 0, s[0] * positions, filters);
    }

    @Override
    public int[] outSizes(int[] sizes) {
        return new int[] {outSize(0, sizes[0]), outSize(1, sizes[1]), outSize(2, sizes[2])};
    }

    @Override
    public long workSize(int[] sizes) {
        return patchSize(outSize(0, sizes[0]) * outSize(1, sizes[1]) * outSize(2, sizes[2]));
    }

    @Override
    public void convolve(float[] x, int xOff, int frames, int[] sizes, float[] y, int yOff, float[] work, int workOff) {
        convolve(x, xOff, frames, sizes[0], sizes[1], sizes[2], y, yOff, work, workOff);
    }

    private void convolve(float[] x, int xOff, int batch, int depth, int rows, int cols, float[] y, int yOff, float[] work,
                          int workOff) {
        int outRows = outSize(1, rows);
        int outCols = outSize(2, cols);
        int positions = outSize(0, depth) * outRows * outCols;
        int k = taps() * inChannels;
        int chunk = Patches.chunk(k);
        int sample = depth * rows * cols * inChannels;
        int front = before(0, depth);
        int top = before(1, rows);
        int left = before(2, cols);
        for (int b = 0; b < batch; b++) {
            for (int q0 = 0; q0 < positions; q0 += chunk) {
                int m = Math.min(chunk, positions - q0);
                Patches.gather3d(x, xOff + b * sample, depth, rows, cols, inChannels, kernelSize, strides, dilations,
                        front, top, left, outRows, outCols, q0, m, work, workOff);
                MatMul.multiply(work, workOff, packed, bias, y, yOff + (b * positions + q0) * filters, m, k, filters);
            }
        }
    }

    @Override
    public long parameterCount() {
        return (long) taps() * inChannels * filters + (bias == null ? 0 : bias.length);
    }

    @Override
    public String toString() {
        return "Conv3D(" + filters + ", k=" + Arrays.toString(kernelSize) + ", strides=" + Arrays.toString(strides)
                + ", dilations=" + Arrays.toString(dilations) + ", " + padding.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
