package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX ArgMax and ArgMin: the index along {@code axis} of the largest (smallest) value, the first of equal ones or, with
 * {@code last}, the last (NaN and zeros' signs as {@link #better} says). The axis is kept with size 1 or dropped.
 */
public final class ArgExtreme implements Op {
    private final boolean max;
    private final int axis;
    private final boolean keepDims;
    private final boolean last;
    private final boolean tensorflow;

    /**
     * @param axis       the axis, negative counting from the end
     * @param tensorflow compare as Keras' TensorFlow backend does: NaN never chosen over a number, -0.0 below +0.0;
     *                   else as ONNX Runtime (see {@link #better})
     */
    public ArgExtreme(boolean max, int axis, boolean keepDims, boolean last, boolean tensorflow) {
        this.max = max;
        this.axis = axis;
        this.keepDims = keepDims;
        this.last = last;
        this.tensorflow = tensorflow;
    }

    @Override
    public String type() {
        return max ? "ArgMax" : "ArgMin";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder("ArgExtreme").attr("max", max).attr("axis", axis).attr("keepdims", keepDims)
                .attr("last", last).attr("tensorflow", tensorflow).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static ArgExtreme fromSpec(OpSpec s) {
        return new ArgExtreme(s.boolAttr("max"), s.intAttr("axis"), s.boolAttr("keepdims"), s.boolAttr("last"),
                s.boolAttr("tensorflow"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        int[] x = in[0];
        int a = Dims.axis(axis, x.length, "axis");
        if (x[a] == 0) {
            throw new IllegalArgumentException(type() + ": axis " + a + " is empty");
        }
        int[] out = new int[keepDims ? x.length : x.length - 1];
        for (int d = 0, k = 0; d < x.length; d++) {
            if (d != a) {
                out[k++] = x[d];
            } else if (keepDims) {
                out[k++] = 1;
            }
        }
        return new int[][] {out};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        int a = Dims.axis(axis, x.length, "axis");
        int n = x[a];
        int inner = io.keras4j.runtime.Shapes.product(x, a + 1, x.length);
        int outer = io.keras4j.runtime.Shapes.product(x, 0, a);
        float[] src = inputs[0];
        float[] dst = outputs[0];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                int best = 0;
                for (int t = 1; t < n; t++) {
                    if (better(src[base + t * inner], src[base + best * inner])) {
                        best = t;
                    }
                }
                dst[o * inner + i] = best;
            }
        }
    }

    /**
     * Whether {@code v} replaces the best so far {@code b}. As ONNX Runtime: plain comparisons, so a NaN never replaces a
     * number and a NaN at the start of the axis is never replaced. As TensorFlow (Keras' argmax and argmin, which first
     * turn -0.0 into the negative of the smallest normal float): a NaN never chosen over a number, -0.0 below +0.0.
     */
    private boolean better(float v, float b) {
        if (tensorflow) {
            if (Float.isNaN(v) || Float.isNaN(b)) {
                return !Float.isNaN(v);
            }
            int order = Float.compare(v, b); // numeric, with -0.0 below +0.0
            return max ? order > 0 || last && order == 0 : order < 0 || last && order == 0;
        }
        return max ? (last ? v >= b : v > b) : (last ? v <= b : v < b);
    }
}
