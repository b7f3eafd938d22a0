package io.keras4j.runtime.ops.primitive;

import java.util.Arrays;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * Sets row b of a {@code [batch, ...]} tensor to 0 where sequence b has length 0 (inputs: the tensor, then the
 * lengths {@code [batch]}); ONNX Runtime's LSTM and GRU return zero final states for empty sequences.
 */
public final class ZeroEmptySequences implements Op {
    @Override
    public String type() {
        return "ZeroEmptySequences";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).build();
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 2, type());
        return new int[][] {in[0].clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] lengths = inputs[1];
        int row = x.length / Math.max(1, lengths.length);
        System.arraycopy(x, 0, outputs[0], 0, x.length);
        for (int b = 0; b < lengths.length; b++) {
            if (lengths[b] == 0f) {
                Arrays.fill(outputs[0], b * row, (b + 1) * row, 0f);
            }
        }
    }
}
