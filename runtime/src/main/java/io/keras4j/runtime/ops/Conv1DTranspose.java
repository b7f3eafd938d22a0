package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.math.Activation;

/**
 * Keras Conv1DTranspose over {@code [batch, steps, inChannels]}, channels last: input step t adds {@code x[t]·W[j]} to
 * output step {@code t·stride + j·dilation - crop}, with {@code crop = span - 1 - padLeft} and {@code span =
 * (kernelSize - 1)·dilation + 1}; {@code padLeft} and {@code padRight} are the paddings of the equivalent convolution
 * over the input dilated by the stride (as Keras derives them from padding and output_padding), so the output has
 * {@code (steps - 1)·stride + 1 + padLeft + padRight - span + 1} steps. Then the bias and the activation.
 */
public final class Conv1DTranspose implements Op {
    private final int inChannels;
    private final int filters;
    private final int kernelSize;
    private final int stride;
    private final int dilation;
    private final int padLeft;
    private final int padRight;
    private final float[] kernel;
    private final float[] bias;
    private final Activation activation;

    /**
     * @param kernel {@code [kernelSize][filters][inChannels]}, row-major (the Keras layout)
     * @param bias   {@code [filters]}, or null
     */
    public Conv1DTranspose(int inChannels, int filters, int kernelSize, int stride, int dilation, int padLeft, int padRight,
                           float[] kernel, float[] bias, Activation activation) {
        if (stride <= 0 || dilation <= 0 || padLeft < 0 || padRight < 0 || padLeft > (kernelSize - 1) * dilation) {
            throw new IllegalArgumentException("invalid Conv1DTranspose: stride " + stride + ", dilation " + dilation
                    + ", paddings " + padLeft + " and " + padRight + " for kernel size " + kernelSize);
        }
        Weights.check("kernel", kernel, kernelSize, filters, inChannels);
        if (bias != null) {
            Weights.check("bias", bias, filters);
        }
        this.inChannels = inChannels;
        this.filters = filters;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.dilation = dilation;
        this.padLeft = padLeft;
        this.padRight = padRight;
        this.kernel = kernel;
        this.bias = bias;
        this.activation = activation;
    }

    @Override
    public String type() {
        return "Conv1DTranspose";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("in_channels", inChannels).attr("filters", filters).attr("kernel_size", kernelSize)
                .attr("stride", stride).attr("dilation", dilation).attr("pad_left", padLeft).attr("pad_right", padRight)
                .attr("activation", activation).weight("kernel", kernel, kernelSize, filters, inChannels)
                .weight("bias", bias, filters).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Conv1DTranspose fromSpec(OpSpec s) {
        return new Conv1DTranspose(s.intAttr("in_channels"), s.intAttr("filters"), s.intAttr("kernel_size"),
                s.intAttr("stride"), s.intAttr("dilation"), s.intAttr("pad_left"), s.intAttr("pad_right"), s.weight("kernel"),
                s.weight("bias"), s.activation("activation"));
    }

    private int span() {
        return (kernelSize - 1) * dilation + 1;
    }

    private long outSteps(int steps) {
        return steps < 0 ? -1 : (long) (steps - 1) * stride + 1 + padLeft + padRight - span() + 1;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        Inputs.rank(x, 3, "input");
        Inputs.lastDim(x, inChannels, "input");
        long out = outSteps(x[1]);
        if (x[1] == 0 || out <= 0 && x[1] > 0 || out > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("input of " + x[1] + " steps gives " + out + " output steps");
        }
        return new int[][] {new int[] {x[0], (int) out, activation.outputWidth(filters)}};
    }

    @Override
    public int scratchSize(int[][] in) {
        return activation.outputWidth(filters) == filters ? 0
                : Shapes.checkedScratch((long) in[0][0] * outSteps(in[0][1]) * filters);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int batch = inputShapes[0][0];
        int steps = inputShapes[0][1];
        int out = (int) outSteps(steps);
        int crop = span() - 1 - padLeft;
        float[] x = inputs[0];
        float[] y = activation.outputWidth(filters) == filters ? outputs[0] : scratch;
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out; o++) {
                int row = (b * out + o) * filters;
                for (int f = 0; f < filters; f++) {
                    double acc = bias == null ? 0 : bias[f];
                    for (int j = 0; j < kernelSize; j++) {
                        int shifted = o + crop - j * dilation;
                        if (shifted < 0 || shifted % stride != 0 || shifted / stride >= steps) {
                            continue;
                        }
                        int xRow = (b * steps + shifted / stride) * inChannels;
                        int wRow = (j * filters + f) * inChannels;
                        for (int c = 0; c < inChannels; c++) {
                            acc += (double) x[xRow + c] * kernel[wRow + c];
                        }
                    }
                    y[row + f] = (float) acc;
                }
            }
        }
        activation.apply(y, 0, outputs[0], 0, batch * out, filters);
    }

    @Override
    public long parameterCount() {
        return kernel.length + (bias == null ? 0 : bias.length);
    }

    @Override
    public String toString() {
        return type() + "(" + filters + ", " + kernelSize + ", stride " + stride + ")";
    }
}
