package io.keras4j.runtime.ops;

/**
 * Keras Attention and AdditiveAttention over query {@code [batch, Tq, dim]}, value {@code [batch, Tv, dimV]} and key
 * {@code [batch, Tv, dim]} (the value when absent). Scores {@code [batch, Tq, Tv]}: DOT {@code scale·(q·k)}, CONCAT
 * {@code concatWeight·Σ tanh(scale·(q + k))}, ADDITIVE {@code Σ scale_d·tanh(q_d + k_d)} (a missing scale is 1). Where
 * the value mask is false, or the step lies in the query's future with a causal mask, the score is lowered by 1e9 (in
 * float32, as Keras does); the softmax over Tv weighs the values; a false query mask zeroes its row. Inputs: query,
 * value, key if given, then the query mask and the value mask if given; outputs: the result and, if asked, the weights.
 */
public final class Attention implements Op {
    /** How a query and a key give a score. */
    public enum Score { DOT, CONCAT, ADDITIVE }

    private static final float MASKED = 1e9f;

    private final Score score;
    private final float[] scale;
    private final float concatWeight;
    private final boolean hasKey;
    private final boolean queryMasked;
    private final boolean valueMasked;
    private final boolean causal;
    private final boolean returnScores;

    /**
     * @param scale        DOT and CONCAT: one value, or null; ADDITIVE: one per query dimension, or null
     * @param concatWeight CONCAT's weight (ignored otherwise)
     * @param hasKey       whether a key input follows the value
     * @param queryMasked  whether a query mask {@code [batch, Tq]} follows
     * @param valueMasked  whether a value mask {@code [batch, Tv]} follows
     * @param causal       whether step j of the value is hidden from query step i where j > i
     * @param returnScores whether the attention weights {@code [batch, Tq, Tv]} are a second output
     */
    public Attention(Score score, float[] scale, float concatWeight, boolean hasKey, boolean queryMasked, boolean valueMasked,
                     boolean causal, boolean returnScores) {
        if (scale != null && score != Score.ADDITIVE && scale.length != 1) {
            throw new IllegalArgumentException(score + " attention takes one scale, got " + scale.length);
        }
        this.score = score;
        this.scale = scale;
        this.concatWeight = concatWeight;
        this.hasKey = hasKey;
        this.queryMasked = queryMasked;
        this.valueMasked = valueMasked;
        this.causal = causal;
        this.returnScores = returnScores;
    }

    @Override
    public String type() {
        return score == Score.ADDITIVE ? "AdditiveAttention" : "Attention";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("score", score.name()).attr("concat_weight", concatWeight).attr("has_key", hasKey)
                .attr("query_masked", queryMasked).attr("value_masked", valueMasked).attr("causal", causal)
                .attr("return_scores", returnScores).weight("scale", scale, scale == null ? 0 : scale.length).build();
    }

    /** Rebuilds the op from its {@link #spec()} (type Attention or AdditiveAttention). */
    public static Attention fromSpec(OpSpec s) {
        return new Attention(s.enumAttr("score", Score.class), s.weight("scale"), (float) s.doubleAttr("concat_weight"),
                s.boolAttr("has_key"), s.boolAttr("query_masked"), s.boolAttr("value_masked"), s.boolAttr("causal"),
                s.boolAttr("return_scores"));
    }

    private int inputCount() {
        return 2 + (hasKey ? 1 : 0) + (queryMasked ? 1 : 0) + (valueMasked ? 1 : 0);
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        if (in.length != inputCount()) {
            throw new IllegalArgumentException(type() + " takes " + inputCount() + " inputs, got " + in.length);
        }
        int[] q = in[0];
        int[] v = in[1];
        int[] k = hasKey ? in[2] : v;
        Inputs.rank(q, 3, "query");
        Inputs.rank(v, 3, "value");
        Inputs.same(k, new int[] {q[0], v[1], q[2]}, "key");
        Inputs.same(v, new int[] {q[0], v[1], v[2]}, "value");
        if (score == Score.ADDITIVE && scale != null) {
            Inputs.lastDim(q, scale.length, "query");
        }
        int next = hasKey ? 3 : 2;
        if (queryMasked) {
            Inputs.same(in[next++], new int[] {q[0], q[1]}, "query mask");
        }
        if (valueMasked) {
            Inputs.same(in[next], new int[] {q[0], v[1]}, "value mask");
        }
        int[] out = {Strides.merge(q[0], v[0]), q[1], v[2]};
        return returnScores ? new int[][] {out, {out[0], q[1], v[1]}} : new int[][] {out};
    }

    @Override
    public int scratchSize(int[][] in) {
        return Math.max(in[1][1], 0);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int batch = inputShapes[0][0];
        int tq = inputShapes[0][1];
        int dim = inputShapes[0][2];
        int tv = inputShapes[1][1];
        int dv = inputShapes[1][2];
        float[] q = inputs[0];
        float[] v = inputs[1];
        float[] k = hasKey ? inputs[2] : v;
        int next = hasKey ? 3 : 2;
        float[] queryMask = queryMasked ? inputs[next++] : null;
        float[] valueMask = valueMasked ? inputs[next] : null;
        float[] y = outputs[0];
        float[] weights = scratch;
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < tq; i++) {
                int qRow = (b * tq + i) * dim;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < tv; j++) {
                    float s = score(q, qRow, k, (b * tv + j) * dim, dim);
                    if (valueMask != null && valueMask[b * tv + j] == 0f || causal && j > i) {
                        s -= MASKED;
                    }
                    weights[j] = s;
                    max = Math.max(max, s);
                }
                double sum = 0;
                for (int j = 0; j < tv; j++) {
                    sum += Math.exp(weights[j] - max);
                }
                for (int j = 0; j < tv; j++) {
                    weights[j] = (float) (Math.exp(weights[j] - max) / sum);
                }
                if (returnScores) {
                    System.arraycopy(weights, 0, outputs[1], (b * tq + i) * tv, tv);
                }
                int yRow = (b * tq + i) * dv;
                boolean hidden = queryMask != null && queryMask[b * tq + i] == 0f;
                for (int c = 0; c < dv; c++) {
                    double acc = 0;
                    for (int j = 0; j < tv && !hidden; j++) {
                        acc += (double) weights[j] * v[(b * tv + j) * dv + c];
                    }
                    y[yRow + c] = (float) acc;
                }
            }
        }
    }

    private float score(float[] q, int qRow, float[] k, int kRow, int dim) {
        double acc = 0;
        switch (score) {
            case DOT:
                for (int d = 0; d < dim; d++) {
                    acc += (double) q[qRow + d] * k[kRow + d];
                }
                return scale == null ? (float) acc : (float) acc * scale[0];
            case CONCAT:
                float s = scale == null ? 1f : scale[0];
                for (int d = 0; d < dim; d++) {
                    acc += Math.tanh(s * (q[qRow + d] + k[kRow + d]));
                }
                return concatWeight * (float) acc;
            default:
                for (int d = 0; d < dim; d++) {
                    acc += (scale == null ? 1.0 : scale[d]) * Math.tanh(q[qRow + d] + k[kRow + d]);
                }
                return (float) acc;
        }
    }

    @Override
    public long parameterCount() {
        return (scale == null ? 0 : scale.length) + (score == Score.CONCAT ? 1 : 0);
    }

    @Override
    public String toString() {
        return type() + "(" + score.name().toLowerCase(java.util.Locale.ROOT) + (scale != null ? ", scaled" : "")
                + (causal ? ", causal" : "") + ")";
    }
}
