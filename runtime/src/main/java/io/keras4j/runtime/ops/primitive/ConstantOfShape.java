package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;

/** ONNX ConstantOfShape: a tensor whose shape is the input's values, filled with one value. */
public final class ConstantOfShape implements Op {
    private final float value;

    public ConstantOfShape(float value) {
        this.value = value;
    }

    @Override
    public String type() {
        return "ConstantOfShape";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("value", (double) value).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static ConstantOfShape fromSpec(OpSpec s) {
        return new ConstantOfShape((float) s.doubleAttr("value"));
    }

    /** The shape. */
    @Override
    public boolean shapeReadsValue(int input) {
        return input == 0;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return outputShapes(in, null);
    }

    @Override
    public int[][] outputShapes(int[][] in, float[][] values) {
        Dims.inputs(in, 1, type());
        int[] out = new int[Dims.length(in[0], "shape")];
        boolean known = values != null && values[0] != null;
        for (int d = 0; d < out.length; d++) {
            out[d] = known ? Dims.integer(values[0][d], "shape value") : -1;
            if (out[d] < -1 || known && out[d] < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(values[0]) + " has a negative dimension");
            }
        }
        return new int[][] {out};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        Arrays.fill(outputs[0], value);
    }
}
