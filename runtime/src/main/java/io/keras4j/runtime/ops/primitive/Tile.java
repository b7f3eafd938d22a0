package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX Tile: inputs data and repeats (one count per axis, at least 0); axis d of the output holds {@code repeats[d]}
 * copies of the input's axis d one after another. The output shape depends on the repeat values.
 */
public final class Tile implements Op {
    @Override
    public String type() {
        return "Tile";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Tile fromSpec(OpSpec s) {
        return new Tile();
    }

    /** The repeats. */
    @Override
    public boolean shapeReadsValue(int input) {
        return input == 1;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return outputShapes(in, null);
    }

    @Override
    public int[][] outputShapes(int[][] in, float[][] values) {
        Dims.inputs(in, 2, type());
        int[] x = in[0];
        if (Dims.length(in[1], "repeats") != x.length) {
            throw new IllegalArgumentException("Tile: repeats of shape " + io.keras4j.runtime.Shapes.toString(in[1])
                    + " for an input of rank " + x.length);
        }
        int[] out = new int[x.length];
        for (int d = 0; d < x.length; d++) {
            if (values == null || values[1] == null || x[d] < 0) {
                out[d] = -1;
                continue;
            }
            int times = Dims.integer(values[1][d], "repeats");
            if (times < 0) {
                throw new IllegalArgumentException("Tile: repeats " + times + " for axis " + d + " is negative");
            }
            long length = (long) x[d] * times;
            if (length > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Tile: axis " + d + " of length " + x[d] + " repeated " + times
                        + " times has more than 2^31 entries");
            }
            out[d] = (int) length;
        }
        return new int[][] {out};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        float[] repeats = inputs[1];
        float[] src = inputs[0];
        float[] dst = outputs[0];
        for (int i = 0; i < dst.length; i++) {
            int rest = i;
            int from = 0;
            int stride = 1;
            for (int d = x.length - 1; d >= 0; d--) {
                int out = x[d] * (int) repeats[d]; // the output's length, as outputShapes checked it
                from += rest % out % x[d] * stride;
                rest /= out;
                stride *= x[d];
            }
            dst[i] = src[from];
        }
    }
}
