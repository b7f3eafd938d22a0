package io.keras4j.runtime.ops;

import java.util.Arrays;

/**
 * Keras Embedding: each id (a float, truncated toward zero like TensorFlow's cast to int32) selects a
 * row of the table; {@code [..] -> [.., outputDim]}. With {@code maskZero} a second output is the mask
 * {@code id != 0} (compared on the float input, as Keras does), shaped like the input.
 */
public final class Embedding implements Op {
    private final int inputDim;
    private final int outputDim;
    private final float[] table;
    private final boolean maskZero;

    /** @param table {@code [inputDim][outputDim]}, row-major */
    public Embedding(int inputDim, int outputDim, float[] table, boolean maskZero) {
        Weights.check("embeddings", table, inputDim, outputDim);
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.table = table;
        this.maskZero = maskZero;
    }

    @Override
    public String type() {
        return "Embedding";
    }

    public boolean maskZero() {
        return maskZero;
    }

    public int inputDim() {
        return inputDim;
    }

    public int outputDim() {
        return outputDim;
    }

    /** A copy of the table {@code [inputDim][outputDim]}. */
    public float[] table() {
        return table.clone();
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("input_dim", inputDim).attr("output_dim", outputDim).attr("mask_zero", maskZero)
                .weight("embeddings", table, inputDim, outputDim).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Embedding fromSpec(OpSpec s) {
        return new Embedding(s.intAttr("input_dim"), s.intAttr("output_dim"), s.weight("embeddings"), s.boolAttr("mask_zero"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        if (x.length == 0) {
            throw new IllegalArgumentException("input must have a batch axis but is a scalar");
        }
        int[] y = Arrays.copyOf(x, x.length + 1);
        y[x.length] = outputDim;
        return maskZero ? new int[][] {y, x.clone()} : new int[][] {y};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] ids = inputs[0];
        float[] y = outputs[0];
        for (int i = 0; i < ids.length; i++) {
            float v = ids[i];
            int id = (int) v;
            if (Float.isNaN(v) || id < 0 || id >= inputDim || v >= inputDim) {
                throw new IllegalArgumentException("id " + v + " at position " + i
                        + " is outside [0, " + inputDim + ") (input_dim " + inputDim + ")");
            }
            System.arraycopy(table, id * outputDim, y, i * outputDim, outputDim);
        }
        if (maskZero) {
            float[] mask = outputs[1];
            for (int i = 0; i < ids.length; i++) {
                mask[i] = ids[i] != 0f ? 1f : 0f;
            }
        }
    }

    @Override
    public long parameterCount() {
        return table.length;
    }
}
