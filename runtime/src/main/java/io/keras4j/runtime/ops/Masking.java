package io.keras4j.runtime.ops;

/**
 * Keras Masking: a step (a row along the last axis) is valid when any of its values differs from
 * {@code maskValue}. Outputs the input with invalid rows set to 0, and the mask (1 valid, 0 masked) of
 * the input's shape without its last axis.
 */
public final class Masking implements Op {
    private final float maskValue;

    public Masking(float maskValue) {
        this.maskValue = maskValue;
    }

    @Override
    public String type() {
        return "Masking";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("mask_value", (double) maskValue).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Masking fromSpec(OpSpec s) {
        return new Masking((float) s.doubleAttr("mask_value"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        if (x.length < 2) {
            throw new IllegalArgumentException("input must have rank 2 or more but has shape " + io.keras4j.runtime.Shapes.toString(x));
        }
        return new int[][] {x.clone(), Strides.dropLast(x)};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] shape = inputShapes[0];
        int width = shape[shape.length - 1];
        float[] x = inputs[0];
        float[] y = outputs[0];
        float[] mask = outputs[1];
        for (int r = 0; r < mask.length; r++) {
            int from = r * width;
            boolean valid = false;
            for (int j = from; j < from + width && !valid; j++) {
                valid = x[j] != maskValue;
            }
            mask[r] = valid ? 1f : 0f;
            for (int j = from; j < from + width; j++) {
                y[j] = valid ? x[j] : 0f;
            }
        }
    }
}
