package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.MatMul;
import java.util.Arrays;

/**
 * Keras Conv1D, channels last: {@code [batch, steps, inChannels] -> [batch, outSteps, filters]},
 * {@code y[o] = activation(bias + sum_j x[o·stride - padLeft + j·dilation] · kernel[j])}, with out-of-range
 * steps reading zeros. Padding as TensorFlow computes it: VALID none; SAME {@code outSteps = ceil(steps/stride)}
 * and half the needed padding on the left (the smaller half); CAUSAL {@code (kernelSize-1)·dilation} zeros on
 * the left; EXPLICIT a given number of zeros before and after (ONNX {@code pads}). Grouped convolution splits channels
 * and filters into {@code groups} equal blocks. Without groups, the windows of up to {@link Patches#CHUNK} steps are
 * gathered into scratch and multiplied with the kernel at once.
 */
public final class Conv1D implements Op {
    /** How the input is padded. */
    public enum Padding { VALID, SAME, CAUSAL, EXPLICIT }

    private final int inChannels;
    private final int filters;
    private final int kernelSize;
    private final int stride;
    private final int dilation;
    private final Padding padding;
    private final int padBegin;
    private final int padEnd;
    private final int groups;
    /** With groups, the kernel as given; else null (the packed one holds it). */
    private final float[] kernel;
    private final float[] bias;
    private final Activation activation;
    /** Without groups: the kernel as {@link MatMul#multiply} reads it, for the product with gathered windows; else null. */
    private final float[] packed;
    /** The window as one row of a 2-D one, for {@link Patches#gather}: kernel, strides and dilations. */
    private final int[][] asRow;

    /**
     * @param padding VALID, SAME or CAUSAL (EXPLICIT through {@link #padded})
     * @param kernel  {@code [kernelSize][inChannels/groups][filters]}, row-major (the Keras layout)
     * @param bias    {@code [filters]}, or null
     */
    public Conv1D(int inChannels, int filters, int kernelSize, int stride, int dilation, Padding padding, int groups,
                  float[] kernel, float[] bias, Activation activation) {
        this(inChannels, filters, kernelSize, stride, dilation, padding, 0, 0, groups, kernel, bias, activation);
        if (padding == Padding.EXPLICIT) {
            throw new IllegalArgumentException("explicit padding takes its sizes: use Conv1D.padded");
        }
    }

    /** A convolution with {@code padBegin} zeros before the steps and {@code padEnd} after (ONNX {@code pads}). */
    public static Conv1D padded(int inChannels, int filters, int kernelSize, int stride, int dilation, int padBegin, int padEnd,
                                int groups, float[] kernel, float[] bias, Activation activation) {
        return new Conv1D(inChannels, filters, kernelSize, stride, dilation, Padding.EXPLICIT, padBegin, padEnd, groups, kernel,
                bias, activation);
    }

    private Conv1D(int inChannels, int filters, int kernelSize, int stride, int dilation, Padding padding, int padBegin,
                   int padEnd, int groups, float[] kernel, float[] bias, Activation activation) {
        if (padBegin < 0 || padEnd < 0) {
            throw new IllegalArgumentException("invalid Conv1D: pads " + padBegin + " and " + padEnd);
        }
        if (stride <= 0 || dilation <= 0 || groups <= 0 || inChannels % groups != 0 || filters % groups != 0) {
            throw new IllegalArgumentException("invalid Conv1D: stride " + stride + ", dilation " + dilation + ", groups "
                    + groups + " for " + inChannels + " channels and " + filters + " filters");
        }
        WindowAxis.span(kernelSize, dilation, "Conv1D");
        Weights.check("kernel", kernel, kernelSize, inChannels / groups, filters);
        if (bias != null) {
            Weights.check("bias", bias, filters);
        }
        this.inChannels = inChannels;
        this.filters = filters;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.dilation = dilation;
        this.padding = padding;
        this.padBegin = padBegin;
        this.padEnd = padEnd;
        this.groups = groups;
        this.kernel = groups == 1 ? null : kernel;
        this.bias = bias;
        this.activation = activation;
        this.packed = groups == 1 ? MatMul.pack(kernel, kernelSize * inChannels, filters) : null;
        this.asRow = new int[][] {{1, 1, kernelSize}, {1, 1, stride}, {1, 1, dilation}};
    }

    @Override
    public String type() {
        return "Conv1D";
    }

    @Override
    public OpSpec spec() {
        OpSpec.Builder s = OpSpec.builder(type()).attr("in_channels", inChannels).attr("filters", filters)
                .attr("kernel_size", kernelSize).attr("stride", stride).attr("dilation", dilation).attr("padding", padding.name());
        if (padding == Padding.EXPLICIT) {
            s.attr("pad_begin", padBegin).attr("pad_end", padEnd);
        }
        return s.attr("groups", groups).attr("activation", activation)
                .weight("kernel", kernel != null ? kernel : MatMul.unpack(packed, kernelSize * inChannels, filters), kernelSize,
                        inChannels / groups, filters).weight("bias", bias, filters).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Conv1D fromSpec(OpSpec s) {
        Padding padding = s.enumAttr("padding", Padding.class);
        boolean explicit = padding == Padding.EXPLICIT;
        return new Conv1D(s.intAttr("in_channels"), s.intAttr("filters"), s.intAttr("kernel_size"), s.intAttr("stride"),
                s.intAttr("dilation"), padding, explicit ? s.intAttr("pad_begin") : 0, explicit ? s.intAttr("pad_end") : 0,
                s.intAttr("groups"), s.weight("kernel"), s.weight("bias"), s.activation("activation"));
    }

    private int span() {
        return WindowAxis.span(kernelSize, dilation, type());
    }

    /** Output steps for {@code steps} input steps (-1 stays -1); at most 0 means the input is too short. */
    private int outSteps(int steps) {
        return WindowAxis.outSize(padding, steps, span(), stride, padBegin, padEnd);
    }

    /**
     * TensorFlow's same padding before the first step: half (rounded down) of what {@code out} windows of {@code span}
     * steps every {@code stride} need beyond {@code steps}; the rest goes after the last.
     */
    public static int samePadLeft(int steps, int out, int stride, int span) {
        return Math.max((out - 1) * stride + span - steps, 0) / 2;
    }

    private int padLeft(int steps, int out) {
        return WindowAxis.padBefore(padding, steps, out, span(), stride, padBegin);
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        Inputs.rank(x, 3, "input");
        Inputs.lastDim(x, inChannels, "input");
        int out = outSteps(x[1]);
        if (out == 0 || x[1] == 0) {
            throw new IllegalArgumentException("input of " + x[1] + " steps is too short for kernel size " + kernelSize
                    + ", dilation " + dilation + " and padding " + paddingText());
        }
        return new int[][] {new int[] {x[0], out, activation.outputWidth(filters)}};
    }

    /** Floats of gathered windows the product needs (none with groups, which run step by step). */
    private long patchSize(int out) {
        long k = (long) kernelSize * inChannels;
        return packed == null ? 0 : Math.min(out, Patches.chunk(k)) * k;
    }

    @Override
    public int scratchSize(int[][] in) {
        int out = outSteps(in[0][1]);
        long activated = activation.outputWidth(filters) == filters ? 0 : (long) in[0][0] * out * filters;
        return Shapes.checkedScratch(patchSize(out) + activated);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int batch = inputShapes[0][0];
        int steps = inputShapes[0][1];
        int out = outSteps(steps);
        int left = padLeft(steps, out);
        float[] x = inputs[0];
        boolean activated = activation.outputWidth(filters) == filters;
        float[] y = activated ? outputs[0] : scratch;
        int yBase = activated ? 0 : (int) patchSize(out); // fits: the planner sized the scratch by scratchSize
        for (int b = 0; b < batch; b++) {
            if (packed != null) {
                int chunk = Patches.chunk((long) kernelSize * inChannels);
                for (int o0 = 0; o0 < out; o0 += chunk) {
                    int m = Math.min(chunk, out - o0);
                    Patches.gather(x, b * steps * inChannels, 1, 1, steps, inChannels, asRow[0], asRow[1], asRow[2], 0, 0,
                            left, 1, out, o0, m, scratch, 0);
                    MatMul.multiply(scratch, 0, packed, bias, y, yBase + (b * out + o0) * filters, m, kernelSize * inChannels,
                            filters);
                }
            } else {
                grouped(x, b, steps, out, left, y, yBase);
            }
        }
        activation.apply(y, yBase, outputs[0], 0, batch * out, filters);
    }

    /** The outputs of sample b of a grouped convolution, step by step: each group's channels against its filters. */
    private void grouped(float[] x, int b, int steps, int out, int left, float[] y, int yBase) {
        int cg = inChannels / groups;
        int fg = filters / groups;
        for (int o = 0; o < out; o++) {
            int row = yBase + (b * out + o) * filters;
            if (bias == null) {
                Arrays.fill(y, row, row + filters, 0f);
            } else {
                System.arraycopy(bias, 0, y, row, filters);
            }
            for (int j = 0; j < kernelSize; j++) {
                int pos = o * stride - left + j * dilation;
                if (pos < 0 || pos >= steps) {
                    continue;
                }
                int xRow = (b * steps + pos) * inChannels;
                for (int g = 0; g < groups; g++) {
                    for (int c = 0; c < cg; c++) {
                        MatMul.axpy(x[xRow + g * cg + c], kernel, (j * cg + c) * filters + g * fg, y, row + g * fg, fg);
                    }
                }
            }
        }
    }

    @Override
    public long parameterCount() {
        return (long) kernelSize * (inChannels / groups) * filters + (bias == null ? 0 : bias.length);
    }

    private String paddingText() {
        String name = padding.name().toLowerCase(java.util.Locale.ROOT);
        return padding == Padding.EXPLICIT ? name + " [" + padBegin + ", " + padEnd + "]" : name;
    }

    @Override
    public String toString() {
        return "Conv1D(" + filters + ", k=" + kernelSize + ", stride=" + stride + ", dilation=" + dilation + ", "
                + paddingText() + ", groups=" + groups + ", " + activation + ") on " + Shapes.toString(new int[] {-1, -1, inChannels});
    }
}
