package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;

/** Keras Concatenate: joins its inputs along one axis; all other dimensions must agree. */
public final class Concatenate implements Op {
    private final int axis;

    /** @param axis a non-negative axis, not the batch axis */
    public Concatenate(int axis) {
        if (axis < 1) {
            throw new IllegalArgumentException("cannot concatenate along axis " + axis);
        }
        this.axis = axis;
    }

    @Override
    public String type() {
        return "Concatenate";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("axis", axis).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Concatenate fromSpec(OpSpec s) {
        return new Concatenate(s.intAttr("axis"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        if (in.length == 0) {
            throw new IllegalArgumentException("Concatenate takes at least 1 input, got 0");
        }
        int[] y = in[0].clone();
        if (axis >= y.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for input shape " + Shapes.toString(y));
        }
        for (int k = 1; k < in.length; k++) {
            int[] x = in[k];
            boolean ok = x.length == y.length;
            for (int d = 0; ok && d < y.length; d++) {
                if (d != axis) {
                    ok = Strides.compatible(x[d], y[d]);
                    y[d] = Strides.merge(y[d], x[d]);
                }
            }
            if (!ok) {
                throw new IllegalArgumentException("input " + k + " has shape " + Shapes.toString(x) + " but must match "
                        + Shapes.toString(in[0]) + " on every axis except " + axis);
            }
            y[axis] = y[axis] < 0 || x[axis] < 0 ? -1 : y[axis] + x[axis];
        }
        return new int[][] {y};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] s0 = inputShapes[0];
        int outer = Strides.product(s0, 0, axis);
        int inner = Strides.product(s0, axis + 1, s0.length);
        float[] y = outputs[0];
        int at = 0;
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < inputs.length; k++) {
                int chunk = inputShapes[k][axis] * inner;
                System.arraycopy(inputs[k], o * chunk, y, at, chunk);
                at += chunk;
            }
        }
    }
}
