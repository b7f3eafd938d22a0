package io.keras4j.runtime.ops;

import java.util.Arrays;

/**
 * Keras Embedding: each id (a float, truncated toward zero like TensorFlow's cast to int32) selects a
 * row of the table; {@code [..] -> [.., outputDim]}. With {@code negativeFromEnd} (Keras 3, whose {@code ops.take}
 * counts a negative index from the end) an id in {@code [-inputDim, 0)} selects row {@code inputDim + id}; other ids
 * outside {@code [0, inputDim)} are errors, as in TensorFlow's gather. With {@code maskZero} a second output is the mask
 * {@code id != 0} (compared on the float input, as Keras does), shaped like the input.
 */
public final class Embedding implements Op {
    private final int inputDim;
    private final int outputDim;
    private final float[] table;
    private final boolean maskZero;
    private final boolean negativeFromEnd;

    /**
     * @param table {@code [inputDim][outputDim]}, row-major
     * @param negativeFromEnd whether an id in {@code [-inputDim, 0)} counts from the table's end (Keras 3)
     */
    public Embedding(int inputDim, int outputDim, float[] table, boolean maskZero, boolean negativeFromEnd) {
        Weights.check("embeddings", table, inputDim, outputDim);
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.table = table;
        this.maskZero = maskZero;
        this.negativeFromEnd = negativeFromEnd;
    }

    @Override
    public String type() {
        return "Embedding";
    }

    public boolean maskZero() {
        return maskZero;
    }

    /** Whether an id in {@code [-inputDim, 0)} counts from the table's end. */
    public boolean negativeFromEnd() {
        return negativeFromEnd;
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
        OpSpec.Builder b = OpSpec.builder(type()).attr("input_dim", inputDim).attr("output_dim", outputDim)
                .attr("mask_zero", maskZero);
        return (negativeFromEnd ? b.attr("negative_from_end", true) : b).weight("embeddings", table, inputDim, outputDim)
                .build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Embedding fromSpec(OpSpec s) {
        return new Embedding(s.intAttr("input_dim"), s.intAttr("output_dim"), s.weight("embeddings"), s.boolAttr("mask_zero"),
                s.has("negative_from_end") && s.boolAttr("negative_from_end"));
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
            if (negativeFromEnd && id < 0 && id >= -inputDim) {
                id += inputDim;
            }
            if (Float.isNaN(v) || id < 0 || id >= inputDim || v >= inputDim) {
                throw new IllegalArgumentException("id " + v + " at position " + i + " is outside "
                        + (negativeFromEnd ? "[-" + inputDim + ", " : "[0, ") + inputDim + ") (input_dim " + inputDim + ")");
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
