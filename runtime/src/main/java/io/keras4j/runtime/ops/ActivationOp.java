package io.keras4j.runtime.ops;

import io.keras4j.runtime.math.Activation;

/** Keras Activation layer: applies one activation function to every value (row-wise ones along the last axis). */
public final class ActivationOp implements Op {
    private final Activation activation;

    public ActivationOp(Activation activation) {
        this.activation = activation;
    }

    @Override
    public String type() {
        return "Activation";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("activation", activation).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static ActivationOp fromSpec(OpSpec s) {
        return new ActivationOp(s.activation("activation"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        if (x.length == 0) {
            return new int[][] {x.clone()};
        }
        return new int[][] {io.keras4j.runtime.Shapes.withLast(x, activation.outputWidth(x[x.length - 1]))};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] shape = inputShapes[0];
        int width = shape.length == 0 ? 1 : shape[shape.length - 1];
        activation.apply(inputs[0], 0, outputs[0], 0, width == 0 ? 0 : inputs[0].length / width, width);
    }
}
