package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.MatMul;

/** Keras Dense: {@code y = activation(x · kernel + bias)} along the last axis of x. */
public final class Dense implements Op {
    private final int inputSize;
    private final int units;
    /** {@code [inputSize][units]} packed by {@link MatMul#pack}. */
    private final float[] kernel;
    private final float[] bias;
    private final Activation activation;

    /**
     * @param kernel     {@code [inputSize][units]}, row-major
     * @param bias       {@code [units]}, or null for no bias
     */
    public Dense(int inputSize, int units, float[] kernel, float[] bias, Activation activation) {
        Weights.check("kernel", kernel, inputSize, units);
        if (bias != null) {
            Weights.check("bias", bias, units);
        }
        this.inputSize = inputSize;
        this.units = units;
        this.kernel = MatMul.pack(kernel, inputSize, units);
        this.bias = bias;
        this.activation = activation;
    }

    public int inputSize() {
        return inputSize;
    }

    public int units() {
        return units;
    }

    /** A copy of the kernel {@code [inputSize][units]}. */
    public float[] kernel() {
        return MatMul.unpack(kernel, inputSize, units);
    }

    /** A copy of the bias, or null. */
    public float[] bias() {
        return bias == null ? null : bias.clone();
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public String type() {
        return "Dense";
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        Inputs.lastDim(x, inputSize, "input");
        return new int[][] {Shapes.withLast(x, activation.outputWidth(units))};
    }

    @Override
    public int scratchSize(int[][] in) {
        return activation.outputWidth(units) == units ? 0 : Shapes.checkedScratch((long) Shapes.product(in[0], 0, in[0].length - 1) * units);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int rows = inputs[0].length / inputSize;
        float[] pre = activation.outputWidth(units) == units ? outputs[0] : scratch;
        MatMul.multiply(inputs[0], 0, kernel, bias, pre, 0, rows, inputSize, units);
        activation.apply(pre, 0, outputs[0], 0, rows, units);
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("input_size", inputSize).attr("units", units).attr("activation", activation)
                .weight("kernel", kernel(), inputSize, units).weight("bias", bias, units).build();
    }

    /** Rebuilds a Dense op from its {@link #spec()}. */
    public static Dense fromSpec(OpSpec s) {
        return new Dense(s.intAttr("input_size"), s.intAttr("units"), s.weight("kernel"), s.weight("bias"), s.activation("activation"));
    }

    @Override
    public long parameterCount() {
        return kernel.length + (bias == null ? 0 : bias.length);
    }
}
