package io.keras4j.runtime.ops;

/**
 * ONNX LRN, channels last: each value divided by {@code (bias + alpha/size · Σ x²)^beta}, the sum over the {@code size}
 * channels around it ({@code floor((size-1)/2)} before, {@code ceil((size-1)/2)} after, clipped to the channels) at the same
 * position.
 */
public final class LocalResponseNormalization implements Op {
    private final int size;
    private final float alpha;
    private final float beta;
    private final float bias;

    /** @param size the channels a sum spans (at least 1) */
    public LocalResponseNormalization(int size, float alpha, float beta, float bias) {
        if (size < 1 || !Float.isFinite(alpha) || !Float.isFinite(beta) || !Float.isFinite(bias)) {
            throw new IllegalArgumentException("invalid LRN: size " + size + ", alpha " + alpha + ", beta " + beta + ", bias "
                    + bias);
        }
        this.size = size;
        this.alpha = alpha;
        this.beta = beta;
        this.bias = bias;
    }

    @Override
    public String type() {
        return "LRN";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("size", size).attr("alpha", alpha).attr("beta", beta).attr("bias", bias).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static LocalResponseNormalization fromSpec(OpSpec s) {
        return new LocalResponseNormalization(s.intAttr("size"), (float) s.doubleAttr("alpha"), (float) s.doubleAttr("beta"),
                (float) s.doubleAttr("bias"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        if (x.length < 2) {
            throw new IllegalArgumentException("LRN needs an input with channels, got rank " + x.length);
        }
        return new int[][] {x.clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] s = inputShapes[0];
        int channels = s[s.length - 1];
        float[] x = inputs[0];
        float[] y = outputs[0];
        int before = (size - 1) / 2;
        int after = size - 1 - before;
        float scale = alpha / size;
        for (int row = 0; row < x.length; row += channels) {
            for (int c = 0; c < channels; c++) {
                float sum = 0;
                for (int k = Math.max(0, c - before); k <= Math.min(channels - 1, c + after); k++) {
                    sum += x[row + k] * x[row + k];
                }
                y[row + c] = (float) (x[row + c] / Math.pow(bias + scale * sum, beta));
            }
        }
    }

    @Override
    public String toString() {
        return "LRN(" + size + ", alpha=" + alpha + ", beta=" + beta + ", bias=" + bias + ")";
    }
}
