package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX NonZero: the indices of the input's non-zero entries (NaN counts), as {@code [rank, count]}, entries in row-major
 * order, as numpy's {@code nonzero} stacked. The count depends on the values, so it is known only when a call runs.
 */
public final class NonZero implements Op {
    @Override
    public String type() {
        return "NonZero";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static NonZero fromSpec(OpSpec s) {
        return new NonZero();
    }

    /** The input, whose non-zero entries it counts. */
    @Override
    public boolean shapeReadsValue(int input) {
        return input == 0;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return outputShapes(in, null);
    }

    @Override
    public int[][] outputShapes(int[][] in, float[][] values) {
        Dims.inputs(in, 1, type());
        if (in[0].length == 0) {
            throw new IllegalArgumentException("NonZero of a scalar is not supported");
        }
        if (values == null || values[0] == null) {
            return new int[][] {{in[0].length, -1}};
        }
        int count = 0;
        for (float v : values[0]) {
            count += v != 0 ? 1 : 0;
        }
        return new int[][] {{in[0].length, count}};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        int[] shape = inputShapes[0];
        float[] y = outputs[0];
        int count = y.length / shape.length;
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0) {
                int rest = i;
                for (int d = shape.length - 1; d >= 0; d--) {
                    y[d * count + k] = rest % shape[d];
                    rest /= shape[d];
                }
                k++;
            }
        }
    }
}
