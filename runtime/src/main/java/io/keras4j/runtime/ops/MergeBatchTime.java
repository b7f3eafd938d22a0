package io.keras4j.runtime.ops;

/** Views {@code [batch, time, ...]} as {@code [batch·time, ...]}, so a per-sample layer runs on every timestep. */
public final class MergeBatchTime implements Op {
    @Override
    public String type() {
        return "MergeBatchTime";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).build();
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        if (x.length < 3) {
            throw new IllegalArgumentException("input must be (batch, time, ...) but has rank " + x.length);
        }
        int[] out = new int[x.length - 1];
        out[0] = x[0] < 0 || x[1] < 0 ? -1 : x[0] * x[1];
        System.arraycopy(x, 2, out, 1, x.length - 2);
        return new int[][] {out};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        System.arraycopy(inputs[0], 0, outputs[0], 0, inputs[0].length);
    }
}
