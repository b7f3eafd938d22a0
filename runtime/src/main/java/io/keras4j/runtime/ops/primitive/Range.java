package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX Range: from scalar inputs start, limit and delta, the 1-D tensor {@code start + i·delta} for
 * {@code i < max(ceil((limit - start) / delta), 0)}; its length is known at import only where the inputs are constants.
 */
public final class Range implements Op {
    /** More entries than a range is allowed to have. */
    private static final double LIMIT = 1 << 30;

    @Override
    public String type() {
        return "Range";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Range fromSpec(OpSpec s) {
        return new Range();
    }

    /** Start, limit and delta. */
    @Override
    public boolean shapeReadsValue(int input) {
        return true;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return outputShapes(in, null);
    }

    @Override
    public int[][] outputShapes(int[][] in, float[][] values) {
        Dims.inputs(in, 3, type());
        for (int i = 0; i < 3; i++) {
            if (in[i].length > 1 || in[i].length == 1 && in[i][0] != 1) {
                throw new IllegalArgumentException("start, limit and delta must be scalars, got shape "
                        + io.keras4j.runtime.Shapes.toString(in[i]));
            }
        }
        boolean known = values != null && values[0] != null && values[1] != null && values[2] != null;
        return new int[][] {{known ? length(values[0][0], values[1][0], values[2][0]) : -1}};
    }

    private static int length(float start, float limit, float delta) {
        if (delta == 0f) {
            throw new IllegalArgumentException("delta is 0");
        }
        double n = Math.ceil(((double) limit - start) / delta);
        if (!(n < LIMIT)) {
            throw new IllegalArgumentException("a range from " + start + " to " + limit + " by " + delta + " has more than "
                    + (long) LIMIT + " entries");
        }
        return (int) Math.max(n, 0);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float start = inputs[0][0];
        float delta = inputs[2][0];
        int n = length(start, inputs[1][0], delta);
        for (int i = 0; i < n; i++) {
            outputs[0][i] = start + i * delta;
        }
    }
}
