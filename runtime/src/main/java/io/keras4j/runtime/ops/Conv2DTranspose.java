package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.math.Activation;
import java.util.Arrays;

/**
 * Keras Conv2DTranspose over {@code [batch, rows, cols, inChannels]}, channels last: as {@link Conv1DTranspose} on each
 * of the two axes, input position {@code (r, c)} adds {@code x[r][c]·W[i][j]} to output position
 * {@code (r·strides[0] + i·dilations[0] - crop[0], c·strides[1] + j·dilations[1] - crop[1])}, with
 * {@code crop = span - 1 - padBefore}; {@code pads} (top, left, bottom, right) are the paddings of the equivalent
 * convolution over the input dilated by the strides, so an axis of n positions gives
 * {@code (n - 1)·stride + 1 + padBefore + padAfter - span + 1}. Then the bias and the activation.
 */
public final class Conv2DTranspose implements Op {
    private final int inChannels;
    private final int filters;
    private final int[] kernelSize;
    private final int[] strides;
    private final int[] dilations;
    private final int[] pads;
    private final float[] kernel;
    private final float[] bias;
    private final Activation activation;

    /**
     * @param pads   top, left, bottom, right of the equivalent convolution (each before-padding at most span - 1)
     * @param kernel {@code [rows][cols][filters][inChannels]}, row-major (the Keras layout)
     * @param bias   {@code [filters]}, or null
     */
    public Conv2DTranspose(int inChannels, int filters, int[] kernelSize, int[] strides, int[] dilations, int[] pads,
                           float[] kernel, float[] bias, Activation activation) {
        if (!WindowAxis.positive(2, kernelSize, strides, dilations) || pads.length != 4
                || Arrays.stream(pads).anyMatch(p -> p < 0)) {
            throw new IllegalArgumentException("invalid Conv2DTranspose: kernel " + Arrays.toString(kernelSize) + ", strides "
                    + Arrays.toString(strides) + ", dilations " + Arrays.toString(dilations) + ", pads " + Arrays.toString(pads));
        }
        int[] spans = WindowAxis.spans(kernelSize, dilations, "Conv2DTranspose");
        if (pads[0] > spans[0] - 1 || pads[1] > spans[1] - 1) {
            throw new IllegalArgumentException("invalid Conv2DTranspose: pads " + Arrays.toString(pads) + " for kernel "
                    + Arrays.toString(kernelSize) + " with dilations " + Arrays.toString(dilations));
        }
        Weights.check("kernel", kernel, kernelSize[0], kernelSize[1], filters, inChannels);
        if (bias != null) {
            Weights.check("bias", bias, filters);
        }
        this.inChannels = inChannels;
        this.filters = filters;
        this.kernelSize = kernelSize.clone();
        this.strides = strides.clone();
        this.dilations = dilations.clone();
        this.pads = pads.clone();
        this.kernel = kernel;
        this.bias = bias;
        this.activation = activation;
    }

    @Override
    public String type() {
        return "Conv2DTranspose";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("in_channels", inChannels).attr("filters", filters).attr("kernel_size", kernelSize)
                .attr("strides", strides).attr("dilations", dilations).attr("pads", pads).attr("activation", activation)
                .weight("kernel", kernel, kernelSize[0], kernelSize[1], filters, inChannels).weight("bias", bias, filters).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Conv2DTranspose fromSpec(OpSpec s) {
        return new Conv2DTranspose(s.intAttr("in_channels"), s.intAttr("filters"), s.intsAttr("kernel_size"),
                s.intsAttr("strides"), s.intsAttr("dilations"), s.intsAttr("pads"), s.weight("kernel"), s.weight("bias"),
                s.activation("activation"));
    }

    private int span(int axis) {
        return WindowAxis.span(kernelSize[axis], dilations[axis], type());
    }

    private long outSize(int axis, int size) {
        return size < 0 ? -1 : (long) (size - 1) * strides[axis] + 1 + pads[axis] + pads[axis + 2] - span(axis) + 1;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        Inputs.rank(x, 4, "input");
        Inputs.lastDim(x, inChannels, "input");
        long rows = outSize(0, x[1]);
        long cols = outSize(1, x[2]);
        for (long out : new long[] {rows, cols}) {
            if (out == 0 || out > Integer.MAX_VALUE || x[1] == 0 || x[2] == 0) {
                throw new IllegalArgumentException("an input of " + x[1] + " x " + x[2] + " positions gives " + rows + " x "
                        + cols + " output positions");
            }
        }
        return new int[][] {new int[] {x[0], (int) rows, (int) cols, activation.outputWidth(filters)}};
    }

    @Override
    public int scratchSize(int[][] in) {
        return activation.outputWidth(filters) == filters ? 0
                : Shapes.checkedScratch((long) in[0][0] * outSize(0, in[0][1]) * outSize(1, in[0][2]) * filters);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] s = inputShapes[0];
        int rows = s[1];
        int cols = s[2];
        int outRows = (int) outSize(0, rows);
        int outCols = (int) outSize(1, cols);
        int cropRows = span(0) - 1 - pads[0];
        int cropCols = span(1) - 1 - pads[1];
        float[] x = inputs[0];
        float[] y = activation.outputWidth(filters) == filters ? outputs[0] : scratch;
        for (int b = 0; b < s[0]; b++) {
            for (int or = 0; or < outRows; or++) {
                for (int oc = 0; oc < outCols; oc++) {
                    int row = ((b * outRows + or) * outCols + oc) * filters;
                    for (int f = 0; f < filters; f++) {
                        double acc = bias == null ? 0 : bias[f];
                        for (int i = 0; i < kernelSize[0]; i++) {
                            int r = or + cropRows - i * dilations[0];
                            if (r < 0 || r % strides[0] != 0 || r / strides[0] >= rows) {
                                continue;
                            }
                            for (int j = 0; j < kernelSize[1]; j++) {
                                int c = oc + cropCols - j * dilations[1];
                                if (c < 0 || c % strides[1] != 0 || c / strides[1] >= cols) {
                                    continue;
                                }
                                int xRow = ((b * rows + r / strides[0]) * cols + c / strides[1]) * inChannels;
                                int wRow = ((i * kernelSize[1] + j) * filters + f) * inChannels;
                                for (int ch = 0; ch < inChannels; ch++) {
                                    acc += (double) x[xRow + ch] * kernel[wRow + ch];
                                }
                            }
                        }
                        y[row + f] = (float) acc;
                    }
                }
            }
        }
        activation.apply(y, 0, outputs[0], 0, s[0] * outRows * outCols, filters);
    }

    @Override
    public long parameterCount() {
        return kernel.length + (bias == null ? 0 : bias.length);
    }

    @Override
    public String toString() {
        return type() + "(" + filters + ", " + Arrays.toString(kernelSize) + ", strides " + Arrays.toString(strides) + ")";
    }
}
