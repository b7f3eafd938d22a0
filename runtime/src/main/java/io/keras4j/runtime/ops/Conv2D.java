package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.MatMul;
import java.util.Arrays;

/**
 * Keras Conv2D, channels last: {@code [batch, rows, cols, inChannels] -> [batch, outRows, outCols, filters]},
 * {@code y[r][c] = activation(bias + sum_{i,j} x[r·strides[0] - top + i·dilations[0]][c·strides[1] - left + j·dilations[1]]
 * · kernel[i][j])}, with positions outside the input reading zeros. Each axis is padded as {@link Conv1D} pads its steps:
 * VALID none, SAME as TensorFlow (the smaller half before), EXPLICIT the given {@code pads} (ONNX's order: top, left,
 * bottom, right). Grouped convolution splits channels and filters into {@code groups} equal blocks. Without groups, the
 * windows of up to {@link Patches#CHUNK} positions are gathered into scratch and multiplied with the kernel at once.
 */
public final class Conv2D implements Op, FrameConvolution {
    private final int inChannels;
    private final int filters;
    private final int[] kernelSize;
    private final int[] strides;
    private final int[] dilations;
    private final Conv1D.Padding padding;
    private final int[] pads;
    private final int groups;
    /** With groups, the kernel as given; else null (the packed one holds it). */
    private final float[] kernel;
    private final float[] bias;
    private final Activation activation;
    /** Without groups: the kernel as {@link MatMul#multiply} reads it, for the product with gathered windows; else null. */
    private final float[] packed;

    /**
     * @param kernelSize rows and columns of the kernel; {@code strides} and {@code dilations} likewise
     * @param padding    VALID, SAME or EXPLICIT
     * @param pads       for EXPLICIT: top, left, bottom, right; else null
     * @param kernel     {@code [rows][cols][inChannels/groups][filters]}, row-major (the Keras layout)
     * @param bias       {@code [filters]}, or null
     */
    public Conv2D(int inChannels, int filters, int[] kernelSize, int[] strides, int[] dilations, Conv1D.Padding padding,
                  int[] pads, int groups, float[] kernel, float[] bias, Activation activation) {
        if (padding == Conv1D.Padding.CAUSAL || (padding == Conv1D.Padding.EXPLICIT) != (pads != null)) {
            throw new IllegalArgumentException("invalid Conv2D: padding " + padding + " with pads " + Arrays.toString(pads));
        }
        if (!WindowAxis.positive(2, kernelSize, strides, dilations) || pads != null && pads.length != 4
                || pads != null && Arrays.stream(pads).anyMatch(p -> p < 0)
                || groups <= 0 || inChannels % groups != 0 || filters % groups != 0) {
            throw new IllegalArgumentException("invalid Conv2D: kernel " + Arrays.toString(kernelSize) + ", strides "
                    + Arrays.toString(strides) + ", dilations " + Arrays.toString(dilations) + ", pads " + Arrays.toString(pads)
                    + ", groups " + groups + " for " + inChannels + " channels and " + filters + " filters");
        }
        WindowAxis.spans(kernelSize, dilations, "Conv2D");
        Weights.check("kernel", kernel, kernelSize[0], kernelSize[1], inChannels / groups, filters);
        if (bias != null) {
            Weights.check("bias", bias, filters);
        }
        this.inChannels = inChannels;
        this.filters = filters;
        this.kernelSize = kernelSize.clone();
        this.strides = strides.clone();
        this.dilations = dilations.clone();
        this.padding = padding;
        this.pads = pads == null ? new int[4] : pads.clone();
        this.groups = groups;
        this.kernel = groups == 1 ? null : kernel;
        this.bias = bias;
        this.activation = activation;
        this.packed = groups == 1 ? MatMul.pack(kernel, kernelSize[0] * kernelSize[1] * inChannels, filters) : null;
    }

    @Override
    public String type() {
        return "Conv2D";
    }

    @Override
    public OpSpec spec() {
        OpSpec.Builder s = OpSpec.builder(type()).attr("in_channels", inChannels).attr("filters", filters)
                .attr("kernel_size", kernelSize).attr("strides", strides).attr("dilations", dilations)
                .attr("padding", padding.name());
        if (padding == Conv1D.Padding.EXPLICIT) {
            s.attr("pads", pads);
        }
        return s.attr("groups", groups).attr("activation", activation)
                .weight("kernel", kernel(), kernelSize[0], kernelSize[1], inChannels / groups, filters)
                .weight("bias", bias, filters).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Conv2D fromSpec(OpSpec s) {
        Conv1D.Padding padding = s.enumAttr("padding", Conv1D.Padding.class);
        return new Conv2D(s.intAttr("in_channels"), s.intAttr("filters"), s.intsAttr("kernel_size"), s.intsAttr("strides"),
                s.intsAttr("dilations"), padding, padding == Conv1D.Padding.EXPLICIT ? s.intsAttr("pads") : null,
                s.intAttr("groups"), s.weight("kernel"), s.weight("bias"), s.activation("activation"));
    }

    /** The kernel {@code [rows][cols][inChannels/groups][filters]} (a copy where it is held packed). */
    @Override
    public float[] kernel() {
        return kernel != null ? kernel : MatMul.unpack(packed, taps() * inChannels, filters);
    }

    private int taps() {
        return kernelSize[0] * kernelSize[1];
    }

    private int span(int axis) {
        return WindowAxis.span(kernelSize[axis], dilations[axis], type());
    }

    /** Output positions along spatial axis {@code axis} (0 rows, 1 columns) for {@code size} input positions. */
    private int outSize(int axis, int size) {
        return WindowAxis.outSize(padding, size, span(axis), strides[axis], pads[axis], pads[axis + 2]);
    }

    private int padBefore(int axis, int size, int out) {
        return WindowAxis.padBefore(padding, size, out, span(axis), strides[axis], pads[axis]);
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        Inputs.rank(x, 4, "input");
        Inputs.lastDim(x, inChannels, "input");
        int rows = outSize(0, x[1]);
        int cols = outSize(1, x[2]);
        if (rows == 0 || cols == 0 || x[1] == 0 || x[2] == 0) {
            throw new IllegalArgumentException("kernel " + Arrays.toString(kernelSize) + " with dilations "
                    + Arrays.toString(dilations) + " and padding " + paddingText() + " does not fit in an input of " + x[1] + " x "
                    + x[2] + " positions (rows x columns)");
        }
        return new int[][] {new int[] {x[0], rows, cols, activation.outputWidth(filters)}};
    }

    /** Floats of gathered windows the product needs (none with groups, which run position by position). */
    private long patchSize(int positions) {
        long k = (long) taps() * inChannels;
        return packed == null ? 0 : Math.min(positions, Patches.chunk(k)) * k;
    }

    @Override
    public int scratchSize(int[][] in) {
        int[] x = in[0];
        int positions = outSize(0, x[1]) * outSize(1, x[2]);
        long activated = activation.outputWidth(filters) == filters ? 0 : (long) x[0] * positions * filters;
        return Shapes.checkedScratch(patchSize(positions) + activated);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] s = inputShapes[0];
        int positions = outSize(0, s[1]) * outSize(1, s[2]);
        boolean activated = activation.outputWidth(filters) == filters;
        float[] y = activated ? outputs[0] : scratch;
        int yBase = activated ? 0 : (int) patchSize(positions); // fits: the planner sized the scratch by scratchSize
        convolve(inputs[0], 0, s[0], s[1], s[2], y, yBase, scratch, 0);
        activation.apply(y, yBase, outputs[0], 0, s[0] * positions, filters);
    }

    @Override
    public long workSize(int[] sizes) {
        return patchSize(outSize(0, sizes[0]) * outSize(1, sizes[1]));
    }

    @Override
    public int[] outSizes(int[] sizes) {
        return new int[] {outSize(0, sizes[0]), outSize(1, sizes[1])};
    }

    @Override
    public void convolve(float[] x, int xOff, int frames, int[] sizes, float[] y, int yOff, float[] work, int workOff) {
        convolve(x, xOff, frames, sizes[0], sizes[1], y, yOff, work, workOff);
    }

    /**
     * The convolution before its activation: {@code batch} inputs {@code [rows][cols][inChannels]} from {@code x[xOff]}
     * to {@code [outRows][outCols][filters]} each from {@code y[yOff]}, with {@link #workSize} floats of work memory from
     * {@code work[workOff]}.
     */
    private void convolve(float[] x, int xOff, int batch, int rows, int cols, float[] y, int yOff, float[] work, int workOff) {
        int outRows = outSize(0, rows);
        int outCols = outSize(1, cols);
        int top = padBefore(0, rows, outRows);
        int left = padBefore(1, cols, outCols);
        int positions = outRows * outCols;
        int sample = rows * cols * inChannels;
        for (int b = 0; b < batch; b++) {
            if (packed != null) {
                int k = taps() * inChannels;
                int chunk = Patches.chunk((long) k);
                for (int q0 = 0; q0 < positions; q0 += chunk) {
                    int m = Math.min(chunk, positions - q0);
                    Patches.gather(x, xOff + b * sample, rows, cols, inChannels, kernelSize, strides, dilations, top, left,
                            outCols, q0, m, work, workOff);
                    MatMul.multiply(work, workOff, packed, bias, y, yOff + (b * positions + q0) * filters, m, k, filters);
                }
                continue;
            }
            for (int or = 0; or < outRows; or++) {
                grouped(x, xOff + b * sample, rows, cols, or, outCols, top, left, y, yOff + (b * outRows + or) * outCols * filters);
            }
        }
    }

    /** One output row of a grouped convolution, position by position: each group's channels against its filters. */
    private void grouped(float[] x, int xOff, int rows, int cols, int or, int outCols, int top, int left, float[] y, int yRow) {
        int cg = inChannels / groups;
        int fg = filters / groups;
        for (int oc = 0; oc < outCols; oc++) {
            int yAt = yRow + oc * filters;
            if (bias == null) {
                Arrays.fill(y, yAt, yAt + filters, 0f);
            } else {
                System.arraycopy(bias, 0, y, yAt, filters);
            }
            for (int i = 0; i < kernelSize[0]; i++) {
                int r = or * strides[0] - top + i * dilations[0];
                if (r < 0 || r >= rows) {
                    continue;
                }
                for (int j = 0; j < kernelSize[1]; j++) {
                    int c = oc * strides[1] - left + j * dilations[1];
                    if (c < 0 || c >= cols) {
                        continue;
                    }
                    int xRow = xOff + (r * cols + c) * inChannels;
                    int tap = (i * kernelSize[1] + j) * cg;
                    for (int g = 0; g < groups; g++) {
                        for (int ch = 0; ch < cg; ch++) {
                            MatMul.axpy(x[xRow + g * cg + ch], kernel, (tap + ch) * filters + g * fg, y, yAt + g * fg, fg);
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

    private String paddingText() {
        String name = padding.name().toLowerCase(java.util.Locale.ROOT);
        return padding == Conv1D.Padding.EXPLICIT ? name + " " + Arrays.toString(pads) : name;
    }

    @Override
    public String toString() {
        return "Conv2D(" + filters + ", k=" + Arrays.toString(kernelSize) + ", strides=" + Arrays.toString(strides)
                + ", dilations=" + Arrays.toString(dilations) + ", " + paddingText() + ", groups=" + groups + ", " + activation
                + ") on " + Shapes.toString(new int[] {-1, -1, -1, inChannels});
    }
}
