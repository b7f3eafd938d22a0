package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX ScatterND and ScatterElements: the output is {@code data} with {@code updates} written where {@code indices} point
 * (negative indices counting from the end), or combined with what is there by {@code reduction} (add, mul, max, min).
 * ScatterND: the last axis of the indices holds {@code k} indices into data's first {@code k} axes, each tuple selecting
 * the slice behind them; updates {@code indices.shape[:-1] + data.shape[k:]}. ScatterElements: indices and updates of one
 * shape and data's rank, each index replacing its own position's coordinate on {@code axis}. Updates apply in order,
 * so with repeated indices and no reduction the last one stays (as ONNX Runtime does).
 */
public final class Scatter implements Op {
    /** How an update combines with the value it lands on. */
    public enum Reduction { NONE, ADD, MUL, MAX, MIN }

    private final boolean elements;
    private final int axis;
    private final Reduction reduction;

    /** ScatterND. */
    public static Scatter nd(Reduction reduction) {
        return new Scatter(false, 0, reduction);
    }

    /** ScatterElements along {@code axis} (negative counting from the end). */
    public static Scatter elements(int axis, Reduction reduction) {
        return new Scatter(true, axis, reduction);
    }

    private Scatter(boolean elements, int axis, Reduction reduction) {
        this.elements = elements;
        this.axis = axis;
        this.reduction = reduction;
    }

    @Override
    public String type() {
        return elements ? "ScatterElements" : "ScatterND";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("axis", axis).attr("reduction", reduction.name()).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Scatter fromSpec(OpSpec s) {
        return new Scatter(s.type().equals("ScatterElements"), s.intAttr("axis"), s.enumAttr("reduction", Reduction.class));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 3, type());
        int[] data = in[0];
        int[] idx = in[1];
        int[] upd = in[2];
        int[] want;
        if (elements) {
            int a = Dims.axis(axis, data.length, "axis");
            want = idx;
            boolean fits = idx.length == data.length;
            for (int d = 0; fits && d < data.length; d++) {
                fits = d == a || data[d] < 0 || idx[d] < 0 || idx[d] <= data[d];
            }
            if (!fits) {
                throw misfit(data, idx, upd);
            }
        } else {
            int k = idx.length == 0 ? -1 : idx[idx.length - 1];
            if (k < 1 || k > data.length) {
                throw misfit(data, idx, upd);
            }
            want = new int[idx.length - 1 + data.length - k];
            System.arraycopy(idx, 0, want, 0, idx.length - 1);
            System.arraycopy(data, k, want, idx.length - 1, data.length - k);
        }
        boolean fits = upd.length == want.length;
        for (int d = 0; fits && d < want.length; d++) {
            fits = upd[d] < 0 || want[d] < 0 || upd[d] == want[d];
        }
        if (!fits) {
            throw misfit(data, idx, upd);
        }
        return new int[][] {data.clone()};
    }

    private IllegalArgumentException misfit(int[] data, int[] idx, int[] upd) {
        return new IllegalArgumentException(type() + ": indices " + Shapes.toString(idx) + " and updates "
                + Shapes.toString(upd) + " do not fit data " + Shapes.toString(data)
                + (elements ? " (indices and updates of one shape and the data's rank)"
                        : " (a last index axis of 1 to the data's rank; updates indices.shape[:-1] + data.shape[k:])"));
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] data = inputShapes[0];
        int[] idx = inputShapes[1];
        float[] indices = inputs[1];
        float[] updates = inputs[2];
        float[] y = outputs[0];
        System.arraycopy(inputs[0], 0, y, 0, y.length);
        if (elements) {
            int a = Dims.axis(axis, data.length, "axis");
            for (int i = 0; i < updates.length; i++) {
                int rest = i;
                int off = 0;
                int stride = 1;
                for (int d = data.length - 1; d >= 0; d--) {
                    int c = rest % idx[d];
                    rest /= idx[d];
                    if (d == a) {
                        int n = data[d];
                        c = Dims.integer(indices[i], "index");
                        if (c < -n || c >= n) {
                            throw new IllegalArgumentException("index " + c + " is out of range for axis " + d + " of size " + n);
                        }
                        c = c < 0 ? c + n : c;
                    }
                    off += c * stride;
                    stride *= data[d];
                }
                apply(y, off, updates[i]);
            }
            return;
        }
        int k = idx[idx.length - 1];
        int slice = GatherNd.product(data, k, data.length);
        int tuples = GatherNd.product(idx, 0, idx.length - 1);
        for (int t = 0; t < tuples; t++) {
            int off = GatherNd.offset(indices, t * k, k, data, 0, slice);
            for (int s = 0; s < slice; s++) {
                apply(y, off + s, updates[t * slice + s]);
            }
        }
    }

    private void apply(float[] y, int at, float u) {
        switch (reduction) {
            case ADD:
                y[at] += u;
                break;
            case MUL:
                y[at] *= u;
                break;
            case MAX:
                y[at] = Math.max(y[at], u);
                break;
            case MIN:
                y[at] = Math.min(y[at], u);
                break;
            default:
                y[at] = u;
        }
    }

    @Override
    public String toString() {
        return type() + "(" + (elements ? "axis " + axis + ", " : "") + reduction.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
