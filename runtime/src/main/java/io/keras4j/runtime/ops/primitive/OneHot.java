package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * One-hot encoding of integer ids (held as floats, truncated toward zero): a new axis of {@code depth} entries at
 * {@code axis} of the output holds {@code on} where the id equals the entry's position and {@code off} elsewhere. An id
 * outside {@code [0, depth)} gives all {@code off} (TensorFlow's one_hot); with {@code wrapNegative}, ids in
 * {@code [-depth, 0)} count from the end first (ONNX OneHot).
 */
public final class OneHot implements Op {
    private final int depth;
    private final int axis;
    private final boolean wrapNegative;
    private final float off;
    private final float on;

    /** @param axis the new axis in the output, negative counting from its end */
    public OneHot(int depth, int axis, boolean wrapNegative, float off, float on) {
        if (depth < 1 || depth > Dims.EXACT) {
            throw new IllegalArgumentException("OneHot: depth " + depth + " is not in [1, 2^24]");
        }
        this.depth = depth;
        this.axis = axis;
        this.wrapNegative = wrapNegative;
        this.off = off;
        this.on = on;
    }

    @Override
    public String type() {
        return "OneHot";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("depth", depth).attr("axis", axis).attr("wrap_negative", wrapNegative)
                .attr("off", (double) off).attr("on", (double) on).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static OneHot fromSpec(OpSpec s) {
        return new OneHot(s.intAttr("depth"), s.intAttr("axis"), s.boolAttr("wrap_negative"), (float) s.doubleAttr("off"),
                (float) s.doubleAttr("on"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        int[] x = in[0];
        int a = Dims.axis(axis, x.length + 1, "axis");
        int[] out = new int[x.length + 1];
        for (int d = 0, k = 0; d < out.length; d++) {
            out[d] = d == a ? depth : x[k++];
        }
        return new int[][] {out};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        int a = Dims.axis(axis, x.length + 1, "axis");
        int inner = Shapes.product(x, a, x.length);
        float[] ids = inputs[0];
        float[] y = outputs[0];
        for (int i = 0; i < y.length; i++) {
            int rest = i % (depth * inner);
            int position = rest / inner;
            float v = ids[i / (depth * inner) * inner + rest % inner];
            long id = (long) v;
            if (wrapNegative && id < 0 && id >= -depth) {
                id += depth;
            }
            y[i] = id == position && !Float.isNaN(v) ? on : off;
        }
    }
}
