package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * TensorFlow's Bucketize (Keras' Discretization): each value's bucket, the number of sorted {@code boundaries} at or
 * below it, so {@code [0, boundaries.length]}; NaN, below none and above none, falls in the last bucket, as TensorFlow's
 * upper-bound search puts it.
 */
public final class Bucketize implements Op {
    private final float[] boundaries;

    /** @param boundaries ascending */
    public Bucketize(float[] boundaries) {
        for (int i = 1; i < boundaries.length; i++) {
            if (!(boundaries[i - 1] <= boundaries[i])) {
                throw new IllegalArgumentException("Bucketize: boundaries must ascend, got " + boundaries[i - 1] + " then "
                        + boundaries[i]);
            }
        }
        this.boundaries = boundaries.clone();
    }

    @Override
    public String type() {
        return "Bucketize";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).weight("boundaries", boundaries, boundaries.length).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Bucketize fromSpec(OpSpec s) {
        return new Bucketize(s.weight("boundaries"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return Dims.sameShape(in, type());
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] y = outputs[0];
        for (int i = 0; i < x.length; i++) {
            int lo = 0;
            int hi = boundaries.length;
            while (lo < hi) { // the first boundary above x (none for NaN)
                int mid = (lo + hi) >>> 1;
                if (x[i] < boundaries[mid]) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            y[i] = lo;
        }
    }
}
