package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/** ONNX Where: {@code condition != 0 ? x : y}, the three inputs broadcast numpy style. */
public final class Where implements Op {
    @Override
    public String type() {
        return "Where";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).build();
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 3, type());
        return new int[][] {Dims.broadcast(in, type())};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] y = outputs[0];
        for (int i = 0; i < y.length; i++) {
            float condition = inputs[0][Dims.broadcastOffset(i, inputShapes, 0)];
            int k = condition != 0f ? 1 : 2;
            y[i] = inputs[k][Dims.broadcastOffset(i, inputShapes, k)];
        }
    }
}
