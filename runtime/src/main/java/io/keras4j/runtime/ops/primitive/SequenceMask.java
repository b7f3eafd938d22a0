package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * The mask {@code [batch, time]} of sequences that are valid for their first {@code lengths[b]} steps:
 * inputs the lengths {@code [batch]} and the sequence {@code [batch, time, ...]}. A length must be an
 * integer in {@code [0, time]}.
 */
public final class SequenceMask implements Op {
    @Override
    public String type() {
        return "SequenceMask";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).build();
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 2, type());
        int[] lengths = in[0];
        int[] x = in[1];
        if (lengths.length != 1 || x.length < 2 || lengths[0] >= 0 && x[0] >= 0 && lengths[0] != x[0]) {
            throw new IllegalArgumentException("lengths " + io.keras4j.runtime.Shapes.toString(lengths)
                    + " must hold one value per sequence of " + io.keras4j.runtime.Shapes.toString(x));
        }
        return new int[][] {{x[0] >= 0 ? x[0] : lengths[0], x[1]}};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int time = inputShapes[1][1];
        float[] mask = outputs[0];
        for (int b = 0; b < inputs[0].length; b++) {
            int len = Dims.integer(inputs[0][b], "sequence length");
            if (len < 0 || len > time) {
                throw new IllegalArgumentException("sequence length " + len + " of sequence " + b + " is outside [0, " + time + "]");
            }
            for (int t = 0; t < time; t++) {
                mask[b * time + t] = t < len ? 1f : 0f;
            }
        }
    }
}
