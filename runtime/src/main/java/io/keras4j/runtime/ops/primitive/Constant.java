package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/** A fixed tensor: no inputs, one output. */
public final class Constant implements Op {
    private final float[] values;
    private final int[] shape;

    public Constant(float[] values, int[] shape) {
        if (Shapes.checkedSize(shape) != values.length) {
            throw new IllegalArgumentException("a constant of shape " + Shapes.toString(shape) + " needs "
                    + Shapes.checkedSize(shape) + " values, got " + values.length);
        }
        this.values = values;
        this.shape = shape.clone();
    }

    /** The values, row-major (not a copy: do not change them). */
    public float[] values() {
        return values;
    }

    @Override
    public String type() {
        return "Constant";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).weight("values", values, shape).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Constant fromSpec(OpSpec s) {
        OpSpec.WeightArray w = s.requireWeight("values");
        return new Constant(w.values(), w.shape());
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 0, type());
        return new int[][] {shape.clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        System.arraycopy(values, 0, outputs[0], 0, values.length);
    }

    @Override
    public long parameterCount() {
        return values.length;
    }
}
