package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
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
        int[] out = outputShapes(inputShapes, inputs)[0];
        float[] y = outputs[0];
        for (int i = 0; i < y.length; i++) {
            y[i] = inputs[0][Shapes.broadcastOffset(i, out, inputShapes[0])];
        }
    }
}
