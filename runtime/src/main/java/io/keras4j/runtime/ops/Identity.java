package io.keras4j.runtime.ops;

/** Passes its input through: what Dropout, GaussianNoise and similar layers compute at inference. */
public final class Identity implements Op {
    private final String type;

    /** @param type the layer type this identity stands for, shown in summaries (for example "Dropout") */
    public Identity(String type) {
        this.type = type;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder("Identity").attr("stands_for", type).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Identity fromSpec(OpSpec s) {
        return new Identity(s.stringAttr("stands_for"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return new int[][] {Inputs.single(in, type).clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        System.arraycopy(inputs[0], 0, outputs[0], 0, inputs[0].length);
    }
}
