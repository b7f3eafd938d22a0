package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Attention;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keras Attention ({@code use_scale}, {@code score_mode} dot or concat) and AdditiveAttention ({@code use_scale}) called
 * on {@code [query, value]} or {@code [query, value, key]}, with the call options {@code use_causal_mask} and
 * {@code return_attention_scores} (tf.keras 2: the option {@code causal}); {@code dropout} acts only in training. The query's and the value's masks are applied
 * as Keras applies them; the result carries the query's mask, the weights none.
 */
final class AttentionTranslator implements LayerTranslator {
    private final boolean additive;

    AttentionTranslator(boolean additive) {
        this.additive = additive;
    }

    /**
     * Records a problem and returns true where the masks of {@code inputs} (null entries skipped) are read by another call
     * and either call is a MultiHeadAttention ({@code removes}), which removes its inputs' masks at run time: what the
     * later one applies depends on the order Keras runs them in, which keras4j does not follow.
     */
    static boolean readsRemovedMasks(LayerConfig config, Translation t, Stream<KTensor> inputs, boolean removes) {
        List<String> masks = inputs.filter(x -> x != null && x.mask() != null).map(KTensor::mask).distinct().toList();
        String other = masks.isEmpty() ? null : t.readsMasks(masks, removes);
        if (other != null) {
            config.problem("applies the masks its inputs carry, as '" + other + "' does: Keras' MultiHeadAttention removes"
                    + " its inputs' masks at run time, so what the later of the two applies depends on the order Keras runs"
                    + " them in, which keras4j does not follow");
        }
        return other != null;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        config.ignore("dropout", "seed");
        boolean useScale = config.bool(false, "use_scale");
        String mode = additive ? "additive" : config.string("dot", "score_mode");
        if (!additive && !mode.equals("dot") && !mode.equals("concat")) {
            config.problem("option score_mode='" + mode + "' is not one of dot, concat");
            return List.of(t.unavailable());
        }
        List<KTensor> ins = t.inputs();
        if (ins.size() < 2 || ins.size() > 3) {
            config.problem("expects [query, value] or [query, value, key], got " + ins.size() + " inputs");
            return List.of(t.unavailable());
        }
        boolean concat = mode.equals("concat");
        int expected = (useScale ? 1 : 0) + (concat ? 1 : 0);
        if (!LayerWeights.count(config, t.weights(), expected, (useScale ? "scale" : "") + (useScale && concat ? ", " : "")
                + (concat ? "concat_score_weight" : ""))) {
            return List.of(t.unavailable());
        }
        int dim = t.shape(ins.get(0).value())[t.shape(ins.get(0).value()).length - 1];
        float[] scale = null;
        if (useScale) {
            long[] shape = additive ? new long[] {dim} : new long[0];
            scale = LayerWeights.take(config, t.weights(), 0, "scale", shape);
            if (scale == null) {
                return List.of(t.unavailable());
            }
        }
        float concatWeight = 1f;
        if (concat) {
            float[] w = LayerWeights.take(config, t.weights(), expected - 1, "concat_score_weight");
            if (w == null) {
                return List.of(t.unavailable());
            }
            concatWeight = w[0];
        }
        Boolean causalCall = GeneralConfig.callFlag(config, t, "use_causal_mask");
        Boolean returnScores = GeneralConfig.callFlag(config, t, "return_attention_scores");
        if (causalCall == null || returnScores == null) {
            return List.of(t.unavailable());
        }
        boolean causal = config.bool(false, "causal") || causalCall;
        KTensor query = ins.get(0);
        KTensor value = ins.get(1);
        if (Stream.of(query, value).anyMatch(x -> TimeDistributedTranslator.refusesKeptMask(config, t, x.mask(),
                "broadcasts it against the scores, which fails")) || readsRemovedMasks(config, t, Stream.of(query, value), false)) {
            return List.of(t.unavailable());
        }
        List<String> opIns = new ArrayList<>();
        ins.forEach(x -> opIns.add(x.value()));
        if (query.mask() != null) {
            opIns.add(query.mask());
        }
        if (value.mask() != null) {
            opIns.add(value.mask());
        }
        Attention.Score score = additive ? Attention.Score.ADDITIVE : concat ? Attention.Score.CONCAT : Attention.Score.DOT;
        List<String> outs = t.emit(new Attention(score, scale, concatWeight, ins.size() == 3, query.mask() != null,
                value.mask() != null, causal, returnScores), opIns);
        KTensor result = new KTensor(outs.get(0), query.mask());
        return returnScores ? List.of(result, new KTensor(outs.get(1), null)) : List.of(result);
    }
}
