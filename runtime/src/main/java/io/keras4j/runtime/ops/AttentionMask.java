package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;

/**
 * The additive mask ONNX Runtime's Attention (com.microsoft) adds to its scaled scores, {@code [batch, T, T]} for a query
 * {@code [batch, T, hidden]}: 0 where key step s is seen from query step t, {@code filter} (-10000 by default) where it is
 * not. The mask index, if given, is one of: {@code [batch]} the end of each row's keys (s at or after it hidden),
 * {@code [2·batch]} the ends then the starts (s before the start hidden too), {@code [batch, T]} raw (0 hides s),
 * {@code [batch, T, T]} raw per query step. With {@code causal}, steps s > t get float32's lowest value instead, which
 * hides them whatever the other scores (ONNX Runtime 1.30 does so; a query step whose seen keys are all masked weighs
 * only those). Inputs: the query, then the mask index if given.
 */
public final class AttentionMask implements Op {
    private final boolean masked;
    private final boolean causal;
    private final float filter;

    /** @param masked whether the mask index is a second input; @param filter the value added to a hidden score */
    public AttentionMask(boolean masked, boolean causal, float filter) {
        this.masked = masked;
        this.causal = causal;
        this.filter = filter;
    }

    @Override
    public String type() {
        return "AttentionMask";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("masked", masked).attr("causal", causal).attr("filter", filter).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static AttentionMask fromSpec(OpSpec s) {
        return new AttentionMask(s.boolAttr("masked"), s.boolAttr("causal"), (float) s.doubleAttr("filter"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        if (in.length != (masked ? 2 : 1)) {
            throw new IllegalArgumentException(type() + " takes " + (masked ? 2 : 1) + " inputs, got " + in.length);
        }
        int[] q = in[0];
        Inputs.rank(q, 3, "query");
        if (masked) {
            int[] m = in[1];
            boolean known = q[0] >= 0 && q[1] >= 0 && Shapes.product(m, 0, m.length) >= 0;
            boolean fits = switch (m.length) {
                case 1 -> !known || m[0] == q[0] || m[0] == 2 * q[0];
                case 2, 3 -> {
                    Inputs.same(m, m.length == 2 ? new int[] {q[0], q[1]} : new int[] {q[0], q[1], q[1]}, "mask index");
                    yield true;
                }
                default -> false;
            };
            if (!fits) {
                throw new IllegalArgumentException("mask index must have shape [batch], [2·batch], [batch, steps] or [batch, steps,"
                        + " steps] for a query of shape " + Shapes.toString(q) + ", got " + Shapes.toString(m));
            }
        }
        return new int[][] {{q[0], q[1], q[1]}};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int batch = inputShapes[0][0];
        int steps = inputShapes[0][1];
        float[] mask = masked ? inputs[1] : null;
        int form = masked ? inputShapes[1].length : 0;
        boolean starts = form == 1 && inputShapes[1][0] == 2 * batch;
        float[] y = outputs[0];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                for (int s = 0; s < steps; s++) {
                    boolean hidden = switch (form) {
                        case 1 -> s >= mask[b] || starts && s < mask[batch + b];
                        case 2 -> !(mask[b * steps + s] > 0);
                        case 3 -> !(mask[(b * steps + t) * steps + s] > 0);
                        default -> false;
                    };
                    y[(b * steps + t) * steps + s] = causal && s > t ? -Float.MAX_VALUE : hidden ? filter : 0f;
                }
            }
        }
    }

    @Override
    public String toString() {
        return type() + "(" + (masked ? "mask index" : "no mask") + (causal ? ", causal" : "") + ")";
    }
}
