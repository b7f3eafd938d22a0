package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import java.util.Arrays;

/**
 * Joins the outputs of a Bidirectional layer's forward and backward RNNs as Keras does: the backward
 * output sequence, which is in processing order, is first flipped along time so that step t holds the
 * backward state for input t; last-step outputs are not flipped. Then the two are concatenated on the
 * last axis, summed, multiplied, averaged, or (mode NONE) returned as two outputs. The outputs are
 * {@code [batch, (time,) ..., units]}: a ConvLSTM's spatial axes sit before the last.
 */
public final class BidirectionalMerge implements Op {
    /** Keras {@code merge_mode}. */
    public enum Mode { CONCAT, SUM, MUL, AVE, NONE }

    private final Mode mode;
    private final boolean sequences;

    /** @param sequences whether the inputs are sequences {@code [batch, time, ..., units]} (return_sequences) */
    public BidirectionalMerge(Mode mode, boolean sequences) {
        this.mode = mode;
        this.sequences = sequences;
    }

    public Mode mode() {
        return mode;
    }

    /** Whether the merged outputs are sequences. */
    public boolean sequences() {
        return sequences;
    }

    @Override
    public String type() {
        return "Bidirectional";
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        if (in.length != 2) {
            throw new IllegalArgumentException("Bidirectional merge takes 2 inputs, got " + in.length);
        }
        if (in[0].length < (sequences ? 3 : 2)) {
            throw new IllegalArgumentException("Bidirectional merge: forward output " + Shapes.toString(in[0])
                    + " must have rank " + (sequences ? 3 : 2) + " or more");
        }
        if (mode == Mode.CONCAT || mode == Mode.NONE) {
            // a backward_layer may have other units than the forward layer: only these modes allow it, as in Keras
            Inputs.rank(in[1], in[0].length, "backward output");
            Inputs.same(Shapes.withLast(in[1], in[0][in[0].length - 1]), in[0], "backward output");
        } else {
            Inputs.same(in[1], in[0], "backward output");
        }
        if (mode == Mode.NONE) {
            return new int[][] {in[0].clone(), in[1].clone()};
        }
        int last = in[0][in[0].length - 1];
        return new int[][] {mode == Mode.CONCAT ? Shapes.withLast(in[0], last + in[1][in[1].length - 1]) : in[0].clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] shape = inputShapes[0];
        int units = shape[shape.length - 1];
        int backUnits = inputShapes[1][inputShapes[1].length - 1];
        int time = sequences ? shape[1] : 1;
        int batch = shape[0];
        int rows = Shapes.product(shape, sequences ? 2 : 1, shape.length - 1);
        float[] f = inputs[0];
        float[] b = inputs[1];
        for (int n = 0; n < batch; n++) {
            for (int t = 0; t < time; t++) {
                for (int r = 0; r < rows; r++) {
                    int step = (n * time + t) * rows + r;
                    int fo = step * units;
                    int bo = ((n * time + (time - 1 - t)) * rows + r) * backUnits;
                    switch (mode) {
                        case CONCAT: {
                            int yo = step * (units + backUnits);
                            System.arraycopy(f, fo, outputs[0], yo, units);
                            System.arraycopy(b, bo, outputs[0], yo + units, backUnits);
                            break;
                        }
                        case NONE:
                            System.arraycopy(f, fo, outputs[0], fo, units);
                            System.arraycopy(b, bo, outputs[1], step * backUnits, backUnits);
                            break;
                        default:
                            for (int j = 0; j < units; j++) {
                                outputs[0][fo + j] = combine(f[fo + j], b[bo + j]);
                            }
                    }
                }
            }
        }
    }

    private float combine(float x, float y) {
        switch (mode) {
            case SUM:
                return x + y;
            case MUL:
                return x * y;
            case AVE:
                return (x + y) / 2;
            default:
                throw new IllegalStateException(mode.toString());
        }
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("merge_mode", mode.name()).attr("sequences", sequences).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static BidirectionalMerge fromSpec(OpSpec s) {
        return new BidirectionalMerge(s.enumAttr("merge_mode", Mode.class), s.boolAttr("sequences"));
    }

    @Override
    public String toString() {
        return "BidirectionalMerge" + Arrays.asList(mode, sequences);
    }
}
