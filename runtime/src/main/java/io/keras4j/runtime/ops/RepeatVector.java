package io.keras4j.runtime.ops;

/** Keras RepeatVector: {@code [batch, features] -> [batch, n, features]}, every step a copy of the input row. */
public final class RepeatVector implements Op {
    private final int n;

    public RepeatVector(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        this.n = n;
    }

    @Override
    public String type() {
        return "RepeatVector";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("n", n).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static RepeatVector fromSpec(OpSpec s) {
        return new RepeatVector(s.intAttr("n"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        Inputs.rank(x, 2, "input");
        return new int[][] {new int[] {x[0], n, x[1]}};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int batch = inputShapes[0][0];
        int width = inputShapes[0][1];
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < n; k++) {
                System.arraycopy(inputs[0], b * width, outputs[0], (b * n + k) * width, width);
            }
        }
    }
}
