package io.keras4j.runtime.ops;

/** Keras ELU layer: {@code x > 0 ? x : alpha·(exp(x) - 1)}, in float32 as TensorFlow computes it. */
public final class Elu implements Op {
    private final float alpha;

    public Elu(double alpha) {
        this.alpha = (float) alpha;
    }

    @Override
    public String type() {
        return "ELU";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("alpha", (double) alpha).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Elu fromSpec(OpSpec s) {
        return new Elu(s.doubleAttr("alpha"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return new int[][] {Inputs.single(in, type()).clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] y = outputs[0];
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            if (v > 0f) {
                y[i] = v;
            } else {
                float e = (float) Math.expm1(v);
                y[i] = alpha == 1f ? e : alpha * e;
            }
        }
    }
}
