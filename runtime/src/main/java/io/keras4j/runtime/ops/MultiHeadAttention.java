package io.keras4j.runtime.ops;

/**
 * The attention inside Keras MultiHeadAttention, over the projected query {@code [batch, T, heads·keyDim]}, key
 * {@code [batch, S, heads·keyDim]} and value {@code [batch, S, heads·valueDim]}: for each head, the weights are the
 * softmax over S of {@code (q·k)/sqrt(keyDim)} and sum the value rows. Key step s is hidden from query step t where the
 * query mask at t, the value mask or the key mask at s is false, with a causal mask where s > t, with a sliding window
 * where {@code |t - s| >= window}. Keras 3 has two ways with a query step that sees no key step ({@link Rows}). Another
 * scale than {@code 1/sqrt(keyDim)} may be given, and an additive bias {@code [batch, T, S]} (ONNX Runtime's Attention
 * mask), added in float32 to each scaled score, as ONNX Runtime does. Inputs: query, key, value, then the query, value
 * and key masks that are given ({@code [batch, T]}, {@code [batch, S]}), then the bias if given; outputs:
 * {@code [batch, T, heads·valueDim]} and, if asked, the weights {@code [batch, heads, T, S]}.
 */
public final class MultiHeadAttention implements Op {
    /** What a query step that sees no key step gets. */
    public enum Rows {
        /**
         * Equal weights on every key step (Keras' fused {@code dot_product_attention}: no dropout, no scores asked; Keras 3.0
         * to 3.9's Softmax layer nearly so, its scores lowered by 1e9 in float32).
         */
        EVEN,
        /** No weight at all, an output of zeros (Keras' Softmax layer, which zeroes what is masked). */
        ZERO
    }

    private final int heads;
    private final int keyDim;
    private final int valueDim;
    private final Rows rows;
    private final boolean queryMasked;
    private final boolean valueMasked;
    private final boolean keyMasked;
    private final boolean causal;
    private final int window;
    private final boolean returnScores;
    private final float scale;
    private final boolean biased;

    /** Keras' attention: scores scaled by {@code 1/sqrt(keyDim)}, no bias. */
    public MultiHeadAttention(int heads, int keyDim, int valueDim, Rows rows, boolean queryMasked, boolean valueMasked,
                              boolean keyMasked, boolean causal, int window, boolean returnScores) {
        this(heads, keyDim, valueDim, rows, queryMasked, valueMasked, keyMasked, causal, window, returnScores,
                (float) (1.0 / Math.sqrt(keyDim)), false);
    }

    /**
     * @param window       the sliding window's size, or 0 for none
     * @param returnScores whether the weights are a second output
     * @param scale        the factor of each product {@code q·k}
     * @param biased       whether an additive bias {@code [batch, T, S]} of the scores is the last input
     */
    public MultiHeadAttention(int heads, int keyDim, int valueDim, Rows rows, boolean queryMasked, boolean valueMasked,
                              boolean keyMasked, boolean causal, int window, boolean returnScores, float scale, boolean biased) {
        if (heads < 1 || keyDim < 1 || valueDim < 1 || window < 0) {
            throw new IllegalArgumentException("MultiHeadAttention: heads " + heads + ", key_dim " + keyDim
                    + ", value_dim " + valueDim + ", window " + window);
        }
        this.heads = heads;
        this.keyDim = keyDim;
        this.valueDim = valueDim;
        this.rows = rows;
        this.queryMasked = queryMasked;
        this.valueMasked = valueMasked;
        this.keyMasked = keyMasked;
        this.causal = causal;
        this.window = window;
        this.returnScores = returnScores;
        this.scale = scale;
        this.biased = biased;
    }

    @Override
    public String type() {
        return "MultiHeadAttention";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("heads", heads).attr("key_dim", keyDim).attr("value_dim", valueDim)
                .attr("rows", rows.name()).attr("query_masked", queryMasked).attr("value_masked", valueMasked)
                .attr("key_masked", keyMasked).attr("causal", causal).attr("window", window)
                .attr("return_scores", returnScores).attr("scale", scale).attr("biased", biased).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static MultiHeadAttention fromSpec(OpSpec s) {
        return new MultiHeadAttention(s.intAttr("heads"), s.intAttr("key_dim"), s.intAttr("value_dim"),
                s.enumAttr("rows", Rows.class), s.boolAttr("query_masked"), s.boolAttr("value_masked"),
                s.boolAttr("key_masked"), s.boolAttr("causal"), s.intAttr("window"), s.boolAttr("return_scores"),
                s.has("scale") ? (float) s.doubleAttr("scale") : (float) (1.0 / Math.sqrt(s.intAttr("key_dim"))),
                s.has("biased") && s.boolAttr("biased"));
    }

    private int inputCount() {
        return 3 + (queryMasked ? 1 : 0) + (valueMasked ? 1 : 0) + (keyMasked ? 1 : 0) + (biased ? 1 : 0);
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        if (in.length != inputCount()) {
            throw new IllegalArgumentException(type() + " takes " + inputCount() + " inputs, got " + in.length);
        }
        int[] q = in[0];
        Inputs.rank(q, 3, "query");
        Inputs.lastDim(q, heads * keyDim, "query");
        Inputs.rank(in[2], 3, "value");
        Inputs.same(in[1], new int[] {q[0], in[2][1], heads * keyDim}, "key");
        Inputs.same(in[2], new int[] {q[0], in[2][1], heads * valueDim}, "value");
        int next = 3;
        if (queryMasked) {
            Inputs.same(in[next++], new int[] {q[0], q[1]}, "query mask");
        }
        if (valueMasked) {
            Inputs.same(in[next++], new int[] {q[0], in[2][1]}, "value mask");
        }
        if (keyMasked) {
            Inputs.same(in[next++], new int[] {q[0], in[2][1]}, "key mask");
        }
        if (biased) {
            Inputs.same(in[next], new int[] {q[0], q[1], in[2][1]}, "score bias");
        }
        int[] out = {q[0], q[1], heads * valueDim};
        return returnScores ? new int[][] {out, {q[0], heads, q[1], in[2][1]}} : new int[][] {out};
    }

    @Override
    public int scratchSize(int[][] in) {
        return io.keras4j.runtime.Shapes.checkedScratch(2L * Math.max(in[2][1], 0));
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int batch = inputShapes[0][0];
        int tq = inputShapes[0][1];
        int tv = inputShapes[2][1];
        float[] q = inputs[0];
        float[] k = inputs[1];
        float[] v = inputs[2];
        int next = 3;
        float[] queryMask = queryMasked ? inputs[next++] : null;
        float[] valueMask = valueMasked ? inputs[next++] : null;
        float[] keyMask = keyMasked ? inputs[next++] : null;
        float[] bias = biased ? inputs[next] : null;
        float[] w = scratch; // the scores of a row, then whether each step is seen (1) or hidden (0)
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int t = 0; t < tq; t++) {
                    boolean queryHidden = queryMask != null && queryMask[b * tq + t] == 0f;
                    int qRow = (b * tq + t) * heads * keyDim + h * keyDim;
                    float max = Float.NEGATIVE_INFINITY;
                    int seen = 0;
                    for (int s = 0; s < tv; s++) {
                        boolean hidden = queryHidden || valueMask != null && valueMask[b * tv + s] == 0f
                                || keyMask != null && keyMask[b * tv + s] == 0f || causal && s > t
                                || window > 0 && Math.abs(t - s) >= window;
                        w[tv + s] = hidden ? 0f : 1f;
                        if (hidden) {
                            continue;
                        }
                        int kRow = (b * tv + s) * heads * keyDim + h * keyDim;
                        double acc = 0;
                        for (int d = 0; d < keyDim; d++) {
                            acc += (double) q[qRow + d] * k[kRow + d];
                        }
                        w[s] = (float) acc * scale;
                        if (bias != null) {
                            w[s] += bias[(b * tq + t) * tv + s];
                        }
                        max = Math.max(max, w[s]);
                        seen++;
                    }
                    weigh(w, tv, max, seen);
                    if (returnScores) {
                        System.arraycopy(w, 0, outputs[1], ((b * heads + h) * tq + t) * tv, tv);
                    }
                    int yRow = (b * tq + t) * heads * valueDim + h * valueDim;
                    for (int c = 0; c < valueDim; c++) {
                        double acc = 0;
                        for (int s = 0; s < tv; s++) {
                            acc += (double) w[s] * v[(b * tv + s) * heads * valueDim + h * valueDim + c];
                        }
                        outputs[0][yRow + c] = (float) acc;
                    }
                }
            }
        }
    }

    /**
     * Turns the scores into weights: a softmax over the seen steps ({@code w[n + s]} is 1), hidden steps 0 or, where none
     * is seen, as {@link #rows} says.
     */
    private void weigh(float[] w, int n, float max, int seen) {
        if (seen == 0) {
            java.util.Arrays.fill(w, 0, n, rows == Rows.EVEN ? 1f / n : 0f);
            return;
        }
        double sum = 0;
        for (int s = 0; s < n; s++) {
            sum += w[n + s] == 0f ? 0 : Math.exp(w[s] - max);
        }
        for (int s = 0; s < n; s++) {
            w[s] = w[n + s] == 0f ? 0f : (float) (Math.exp(w[s] - max) / sum);
        }
    }

    @Override
    public String toString() {
        return type() + "(" + heads + " heads" + (causal ? ", causal" : "") + (window > 0 ? ", window " + window : "") + ")";
    }
}
