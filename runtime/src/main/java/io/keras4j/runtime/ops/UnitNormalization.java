package io.keras4j.runtime.ops;

import java.util.Arrays;

/**
 * Keras UnitNormalization: each group of x over {@code axes} scaled to unit L2 norm, {@code x · min(1/sqrt(Σx²), cap)}
 * (Keras 3: cap 1e12, its {@code ops.normalize} with epsilon 1e-12; tf.keras: {@code tf.math.l2_normalize}, which caps at
 * {@code 1/sqrt(1e-12)} = 1e6).
 */
public final class UnitNormalization implements Op {
    private final int rank;
    private final int[] axes;
    private final double cap;

    /**
     * @param rank the input rank (batch included)
     * @param axes the axes summed over, sorted, in {@code [1, rank)}
     * @param cap  the largest scale
     */
    public UnitNormalization(int rank, int[] axes, double cap) {
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < 1 || axes[i] >= rank || i > 0 && axes[i] <= axes[i - 1]) {
                throw new IllegalArgumentException("axes " + Arrays.toString(axes) + " must be sorted non-batch axes of rank "
                        + rank);
            }
        }
        if (axes.length == 0 || !(cap > 0)) {
            throw new IllegalArgumentException("UnitNormalization needs an axis and a positive cap, got "
                    + Arrays.toString(axes) + " and " + cap);
        }
        this.rank = rank;
        this.axes = axes.clone();
        this.cap = cap;
    }

    @Override
    public String type() {
        return "UnitNormalization";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("rank", rank).attr("axes", axes).attr("cap", cap).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static UnitNormalization fromSpec(OpSpec s) {
        return new UnitNormalization(s.intAttr("rank"), s.intsAttr("axes"), s.doubleAttr("cap"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Inputs.rank(Inputs.single(in, type()), rank, "input");
        return new int[][] {in[0].clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        int[] shape = inputShapes[0];
        int size = 1;
        for (int a : axes) {
            size *= shape[a];
        }
        if (size == 0) {
            return;
        }
        for (int g = 0; g < x.length / size; g++) {
            double sum = 0;
            for (int p = 0; p < size; p++) {
                float v = x[ReducedAxes.flatIndex(g, p, shape, axes)];
                sum += v * v;
            }
            float scale = (float) Math.min(1 / Math.sqrt(sum), cap);
            for (int p = 0; p < size; p++) {
                int i = ReducedAxes.flatIndex(g, p, shape, axes);
                outputs[0][i] = x[i] * scale;
            }
        }
    }
}
