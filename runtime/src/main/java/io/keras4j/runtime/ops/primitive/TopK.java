package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX TopK with sorted output, and Keras' sort, argsort and top_k: inputs data and k (one value); outputs the {@code k}
 * largest (or smallest) values along {@code axis}, best first, and their indices. Equal values keep their order along the axis, as ONNX Runtime orders
 * them; NaN counts as the best (ONNX Runtime's order with NaN depends on its algorithm and k). The output shape depends
 * on the value of k.
 */
public final class TopK implements Op {
    private final int axis;
    private final boolean largest;

    /** @param axis the axis, negative counting from the end */
    public TopK(int axis, boolean largest) {
        this.axis = axis;
        this.largest = largest;
    }

    @Override
    public String type() {
        return "TopK";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("axis", axis).attr("largest", largest).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static TopK fromSpec(OpSpec s) {
        return new TopK(s.intAttr("axis"), s.boolAttr("largest"));
    }

    /** k. */
    @Override
    public boolean shapeReadsValue(int input) {
        return input == 1;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return outputShapes(in, null);
    }

    @Override
    public int[][] outputShapes(int[][] in, float[][] values) {
        Dims.inputs(in, 2, type());
        int[] x = in[0];
        int a = Dims.axis(axis, x.length, "axis");
        if (Dims.length(in[1], "k") != 1) {
            throw new IllegalArgumentException("TopK: k must hold one value, got shape " + Shapes.toString(in[1]));
        }
        int[] out = x.clone();
        out[a] = -1;
        if (values != null && values[1] != null) {
            int k = Dims.integer(values[1][0], "k");
            if (k < 0 || x[a] >= 0 && k > x[a]) {
                throw new IllegalArgumentException("TopK: k " + k + " for axis " + a + " of length " + x[a]);
            }
            out[a] = k;
        }
        return new int[][] {out, out.clone()};
    }

    /** The row's positions in sorted order and a merge buffer, as floats (exact up to 2^24 entries). */
    @Override
    public int scratchSize(int[][] inputShapes) {
        int[] x = inputShapes[0];
        return 2 * Math.max(x[Dims.axis(axis, x.length, "axis")], 0);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        int a = Dims.axis(axis, x.length, "axis");
        int n = x[a];
        int inner = Shapes.product(x, a + 1, x.length);
        int outer = Shapes.product(x, 0, a);
        int k = outer * inner == 0 ? 0 : outputs[0].length / (outer * inner);
        float[] src = inputs[0];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                for (int t = 0; t < n; t++) {
                    scratch[t] = t;
                }
                sort(src, base, inner, scratch, n);
                for (int r = 0; r < k; r++) {
                    int best = (int) scratch[r];
                    int at = o * k * inner + r * inner + i;
                    outputs[0][at] = src[base + best * inner];
                    outputs[1][at] = best;
                }
            }
        }
    }

    /**
     * Sorts the positions {@code order[0, n)} of the row at {@code src[base + t * stride]} best first, stably (a bottom-up
     * merge sort through {@code order[n, 2n)}), so equal values keep their order along the axis.
     */
    private void sort(float[] src, int base, int stride, float[] order, int n) {
        int from = 0;
        int to = n;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int p = lo;
                int q = mid;
                for (int w = lo; w < hi; w++) {
                    boolean right = q < hi && (p >= mid || before(src[base + (int) order[from + q] * stride],
                            src[base + (int) order[from + p] * stride]));
                    order[to + w] = right ? order[from + q++] : order[from + p++];
                }
            }
            int swap = from;
            from = to;
            to = swap;
        }
        if (from != 0) {
            System.arraycopy(order, from, order, 0, n);
        }
    }

    /** Whether {@code v}, later along the axis, comes before {@code b}. */
    private boolean before(float v, float b) {
        if (Float.isNaN(v) || Float.isNaN(b)) {
            return Float.isNaN(v) && !Float.isNaN(b);
        }
        return largest ? v > b : v < b;
    }
}
