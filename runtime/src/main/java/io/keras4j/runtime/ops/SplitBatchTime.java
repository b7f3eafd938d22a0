package io.keras4j.runtime.ops;

/**
 * Undoes {@link MergeBatchTime}: views {@code [batch·time, ...]} as {@code [batch, time, ...]}, taking batch
 * and time from a second input, the tensor that was merged.
 */
public final class SplitBatchTime implements Op {
    @Override
    public String type() {
        return "SplitBatchTime";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).build();
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        if (in.length != 2) {
            throw new IllegalArgumentException("SplitBatchTime takes 2 inputs, got " + in.length);
        }
        int[] x = in[0];
        int[] ref = in[1];
        int[] out = new int[x.length + 1];
        out[0] = ref[0];
        out[1] = ref[1];
        System.arraycopy(x, 1, out, 2, x.length - 1);
        if (x[0] >= 0 && ref[0] >= 0 && ref[1] >= 0 && x[0] != ref[0] * ref[1]) {
            throw new IllegalArgumentException("cannot split " + x[0] + " rows into batch " + ref[0] + " × time " + ref[1]);
        }
        return new int[][] {out};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        System.arraycopy(inputs[0], 0, outputs[0], 0, inputs[0].length);
    }
}
