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
    public int[][] outputShapes(int[][] in) {
        return new int[][] {Inputs.single(in, type()).clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        System.arraycopy(inputs[0], 0, outputs[0], 0, inputs[0].length);
        int[] shape = inputShapes[0];
        int width = shape.length == 0 ? 1 : shape[shape.length - 1];
        activation.apply(outputs[0], 0, outputs[0].length, width);
    }
}
