package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.MatMul;
import java.util.Arrays;

/**
 * Keras Conv1DTranspose, Conv2DTranspose and Conv3DTranspose, ONNX ConvTranspose, channels last, over {@code [batch,
 * (depth,) (rows,) cols, inChannels]}: input position {@code p} adds {@code x[p]·W[tap]} to output position
 * {@code p·strides + tap·dilations - crop} on each axis, with {@code crop = span - 1 - padBefore} and {@code span =
 * (kernelSize - 1)·dilation + 1}; {@code pads} (each axis' leading padding, then each axis' trailing one) are the paddings
 * of the equivalent convolution over the input dilated by the strides (as Keras derives them from padding and
 * output_padding), so an axis of n positions gives {@code (n - 1)·stride + 1 + padBefore + padAfter - span + 1}. Then the bias and
 * the activation. Up to {@link Patches#CHUNK} input positions at a time are multiplied with the whole kernel at once
 * ({@link MatMul#multiply}) and their products added where they land.
 */
public final class ConvTranspose implements Op {
    private final int inChannels;
    private final int filters;
    private final int[] kernelSize;
    private final int[] strides;
    private final int[] dilations;
    private final int[] pads;
    /** The kernel as the matrix {@code [inChannels][taps·filters]} that {@link MatMul#multiply} reads. */
    private final float[] packed;
    private final float[] bias;
    private final Activation activation;
    /** Kernel sizes, strides, dilations, spans and leading and trailing pads over three axes (fewer lead with unit ones). */
    private final int[] taps;
    private final int[] step;
    private final int[] dilation;
    private final int[] span;
    private final int[] padBegin;
    private final int[] padEnd;

    /**
     * @param kernelSize the kernel's size along each of one to three spatial axes; {@code strides} and {@code dilations}
     *                   likewise
     * @param pads       each axis' leading padding of the equivalent convolution (at most span - 1), then each axis'
     *                   trailing one
     * @param kernel     {@code [kernel sizes...][filters][inChannels]}, row-major (the Keras layout)
     * @param bias       {@code [filters]}, or null
     */
    public ConvTranspose(int inChannels, int filters, int[] kernelSize, int[] strides, int[] dilations, int[] pads,
                         float[] kernel, float[] bias, Activation activation) {
        int axes = kernelSize.length;
        String what = "Conv" + axes + "DTranspose";
        if (axes < 1 || axes > 3 || !WindowAxis.positive(axes, kernelSize, strides, dilations) || pads.length != 2 * axes
                || Arrays.stream(pads).anyMatch(p -> p < 0) || inChannels <= 0 || filters <= 0) {
            throw new IllegalArgumentException("invalid " + what + ": kernel " + Arrays.toString(kernelSize) + ", strides "
                    + Arrays.toString(strides) + ", dilations " + Arrays.toString(dilations) + ", pads " + Arrays.toString(pads));
        }
        int[] spans = WindowAxis.spans(kernelSize, dilations, what);
        for (int a = 0; a < axes; a++) {
            if (pads[a] > spans[a] - 1) {
                throw new IllegalArgumentException("invalid " + what + ": pads " + Arrays.toString(pads) + " for kernel "
                        + Arrays.toString(kernelSize) + " with dilations " + Arrays.toString(dilations));
            }
        }
        Weights.check("kernel", kernel, Weights.kernelShape(kernelSize, filters, inChannels));
        if (bias != null) {
            Weights.check("bias", bias, filters);
        }
        this.inChannels = inChannels;
        this.filters = filters;
        this.kernelSize = kernelSize.clone();
        this.strides = strides.clone();
        this.dilations = dilations.clone();
        this.pads = pads.clone();
        this.bias = bias;
        this.activation = activation;
        this.taps = WindowAxis.asThree(kernelSize, 0, axes, 1);
        this.span = WindowAxis.asThree(spans, 0, axes, 1);
        this.step = WindowAxis.asThree(strides, 0, axes, 1);
        this.dilation = WindowAxis.asThree(dilations, 0, axes, 1);
        this.padBegin = WindowAxis.asThree(pads, 0, axes, 0);
        this.padEnd = WindowAxis.asThree(pads, axes, axes, 0);
        this.packed = MatMul.pack(byChannel(kernel, taps(), filters, inChannels), inChannels, taps() * filters);
    }

    @Override
    public String type() {
        return "Conv" + kernelSize.length + "DTranspose";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("in_channels", inChannels).attr("filters", filters).attr("kernel_size", kernelSize)
                .attr("strides", strides).attr("dilations", dilations).attr("pads", pads).attr("activation", activation)
                .weight("kernel", kernel(), Weights.kernelShape(kernelSize, filters, inChannels))
                .weight("bias", bias, filters).build();
    }

    /**
     * Rebuilds the op from its {@link #spec()} (type Conv1DTranspose, Conv2DTranspose or Conv3DTranspose). A Conv1DTranspose
     * spec written before the three were one op held one integer each in {@code kernel_size}, {@code stride} and
     * {@code dilation}, and its pads in {@code pad_left} and {@code pad_right}.
     */
    public static ConvTranspose fromSpec(OpSpec s) {
        boolean oneAxis = s.has("stride");
        ConvTranspose op = oneAxis
                ? new ConvTranspose(s.intAttr("in_channels"), s.intAttr("filters"), new int[] {s.intAttr("kernel_size")},
                        new int[] {s.intAttr("stride")}, new int[] {s.intAttr("dilation")},
                        new int[] {s.intAttr("pad_left"), s.intAttr("pad_right")}, s.weight("kernel"), s.weight("bias"),
                        s.activation("activation"))
                : new ConvTranspose(s.intAttr("in_channels"), s.intAttr("filters"), s.intsAttr("kernel_size"),
                        s.intsAttr("strides"), s.intsAttr("dilations"), s.intsAttr("pads"), s.weight("kernel"),
                        s.weight("bias"), s.activation("activation"));
        return WindowAxis.ofSpecType(op, s);
    }

    private int taps() {
        return taps[0] * taps[1] * taps[2];
    }

    /** {@code [taps][filters][channels]} (the Keras layout) as {@code [channels][taps·filters]}, or back with the roles swapped. */
    private static float[] byChannel(float[] w, int taps, int filters, int channels) {
        float[] t = new float[w.length];
        for (int j = 0; j < taps * filters; j++) {
            for (int c = 0; c < channels; c++) {
                t[c * taps * filters + j] = w[j * channels + c];
            }
        }
        return t;
    }

    /** The kernel {@code [kernel sizes...][filters][inChannels]} (a copy: it is held packed by channel). */
    private float[] kernel() {
        return byChannel(MatMul.unpack(packed, inChannels, taps() * filters), 1, inChannels, taps() * filters);
    }

    private int size(int[] x, int a) {
        return WindowAxis.sizeOfThree(x, kernelSize.length, a);
    }

    /** Output positions along internal axis {@code a} for {@code size} input positions. */
    private long outSize(int a, int size) {
        return size < 0 ? -1 : (long) (size - 1) * step[a] + 1 + padBegin[a] + padEnd[a] - span[a] + 1;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int axes = kernelSize.length;
        int[] x = Inputs.single(in, type());
        Inputs.rank(x, axes + 2, "input");
        Inputs.lastDim(x, inChannels, "input");
        int[] y = x.clone();
        for (int a = 3 - axes; a < 3; a++) {
            long out = outSize(a, size(x, a));
            if (out == 0 || out > Integer.MAX_VALUE || size(x, a) == 0) {
                throw new IllegalArgumentException("an input of " + Arrays.toString(Arrays.copyOfRange(x, 1, axes + 1))
                        + " positions gives " + out + " output positions along axis " + (a - 2 + axes));
            }
            y[a - 2 + axes] = (int) out;
        }
        y[axes + 1] = activation.outputWidth(filters);
        return new int[][] {y};
    }

    /** Input positions multiplied at once, and the floats of their products. */
    private int chunk() {
        return Patches.chunk((long) taps() * filters);
    }

    @Override
    public int scratchSize(int[][] in) {
        int[] x = in[0];
        long positions = (long) size(x, 0) * size(x, 1) * size(x, 2);
        long products = Math.min(positions, chunk()) * taps() * filters;
        long activated = activation.outputWidth(filters) == filters ? 0
                : (long) x[0] * outSize(0, size(x, 0)) * outSize(1, size(x, 1)) * outSize(2, size(x, 2)) * filters;
        return Shapes.checkedScratch(products + activated);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] s = inputShapes[0];
        int depth = size(s, 0);
        int rows = size(s, 1);
        int cols = size(s, 2);
        int outDepth = (int) outSize(0, depth);
        int outRows = (int) outSize(1, rows);
        int outCols = (int) outSize(2, cols);
        int positions = depth * rows * cols;
        int outPositions = outDepth * outRows * outCols;
        int n = taps() * filters;
        int chunk = chunk();
        int products = (int) Math.min((long) positions, chunk) * n; // fits: the planner sized the scratch by scratchSize
        boolean activated = activation.outputWidth(filters) == filters;
        float[] y = activated ? outputs[0] : scratch;
        int yBase = activated ? 0 : products;
        for (int q = 0; q < s[0] * outPositions; q++) {
            if (bias == null) {
                Arrays.fill(y, yBase + q * filters, yBase + (q + 1) * filters, 0f);
            } else {
                System.arraycopy(bias, 0, y, yBase + q * filters, filters);
            }
        }
        for (int b = 0; b < s[0]; b++) {
            for (int p0 = 0; p0 < positions; p0 += chunk) {
                int m = Math.min(chunk, positions - p0);
                MatMul.multiply(inputs[0], (b * positions + p0) * inChannels, packed, null, scratch, 0, m, inChannels, n);
                for (int p = p0; p < p0 + m; p++) {
                    scatter(scratch, (p - p0) * n, p / (rows * cols), p / cols % rows, p % cols, outDepth, outRows, outCols, y,
                            yBase + b * outPositions * filters);
                }
            }
        }
        activation.apply(y, yBase, outputs[0], 0, s[0] * outPositions, filters);
    }

    /** Adds input position {@code (d, r, c)}'s products with every tap ({@code z[zOff]}) where they land in {@code y}. */
    private void scatter(float[] z, int zOff, int d, int r, int c, int outDepth, int outRows, int outCols, float[] y, int yOff) {
        for (int i = 0; i < taps[0]; i++) {
            int od = d * step[0] + i * dilation[0] - (span[0] - 1 - padBegin[0]);
            if (od < 0 || od >= outDepth) {
                continue;
            }
            for (int j = 0; j < taps[1]; j++) {
                int or = r * step[1] + j * dilation[1] - (span[1] - 1 - padBegin[1]);
                if (or < 0 || or >= outRows) {
                    continue;
                }
                for (int k = 0; k < taps[2]; k++) {
                    int oc = c * step[2] + k * dilation[2] - (span[2] - 1 - padBegin[2]);
                    if (oc >= 0 && oc < outCols) {
                        MatMul.axpy(1f, z, zOff + ((i * taps[1] + j) * taps[2] + k) * filters, y,
                                yOff + ((od * outRows + or) * outCols + oc) * filters, filters);
                    }
                }
            }
        }
    }

    @Override
    public long parameterCount() {
        return (long) taps() * filters * inChannels + (bias == null ? 0 : bias.length);
    }

    @Override
    public String toString() {
        return type() + "(" + filters + ", " + Arrays.toString(kernelSize) + ", strides " + Arrays.toString(strides) + ")";
    }
}
