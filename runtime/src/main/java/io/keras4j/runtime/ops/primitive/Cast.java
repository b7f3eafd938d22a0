package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/** ONNX Cast to an integer type (truncates toward zero) or to bool (non-zero is 1). */
public final class Cast implements Op {
    /** What the cast does to a float value. */
    public enum Mode { TRUNCATE, BOOL }

    private final Mode mode;

    public Cast(Mode mode) {
        this.mode = mode;
    }

    @Override
    public String type() {
        return "Cast";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("mode", mode.name()).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Cast fromSpec(OpSpec s) {
        return new Cast(s.enumAttr("mode", Mode.class));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        return new int[][] {in[0].clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] y = outputs[0];
        for (int i = 0; i < x.length; i++) {
            y[i] = mode == Mode.BOOL ? (x[i] != 0f ? 1f : 0f) : (float) (x[i] < 0 ? Math.ceil(x[i]) : Math.floor(x[i]));
        }
    }
}
