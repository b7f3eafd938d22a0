package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;

/** ONNX Expand: broadcasts the data, numpy style, with the shape held in the second input's values. */
public final class Expand implements Op {
    @Override
    public String type() {
        return "Expand";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).build();
    }

    /** The shape. */
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
        int[] target = new int[Dims.length(in[1], "shape")];
        if (values == null || values[1] == null) {
            Arrays.fill(target, -1);
            int[] out = Dims.broadcast(new int[][] {in[0], target}, type());
            return new int[][] {out};
        }
        for (int d = 0; d < target.length; d++) {
            target[d] = Dims.integer(values[1][d], "shape value");
        }
        return new int[][] {Dims.broadcast(new int[][] {in[0], target}, type())};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        float[] shape = inputs[1];
        int rank = Math.max(x.length, shape.length);
        float[] y = outputs[0];
        for (int i = 0; i < y.length; i++) {
            int rest = i;
            int offset = 0;
            int stride = 1;
            for (int d = rank - 1; d >= 0; d--) { // the broadcast shape, axis by axis, as outputShapes gives it
                int k = d - (rank - x.length);
                int own = k < 0 ? 1 : x[k];
                int s = d - (rank - shape.length);
                int size = own != 1 ? own : s < 0 ? 1 : (int) shape[s];
                int c = rest % size;
                rest /= size;
                if (own != 1) {
                    offset += c * stride;
                    stride *= own;
                }
            }
            y[i] = inputs[0][offset];
        }
    }
}
