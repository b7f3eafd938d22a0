package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.importer.keras.Weight;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Dense;
import io.keras4j.runtime.ops.Merge;
import io.keras4j.runtime.ops.MultiHeadAttention;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keras 3 MultiHeadAttention on {@code [query, value]} or {@code [query, value, key]} of rank 3, attending over the
 * steps: the query, key and value projections (and the sigmoid gate with {@code use_gate}) as Dense layers over the
 * flattened {@code (heads, dim)} axes, the attention ({@link MultiHeadAttention}), the output projection. The masks the
 * inputs carry, {@code use_causal_mask} and {@code sliding_window} hide key steps as in Keras; the output carries the
 * query's mask. A query step that sees no key step weighs all equally, as Keras' fused attention does, or none where
 * Keras 3.10 and later compute with their Softmax layer (with {@code dropout} or returned scores), which zeroes it.
 *
 * <p>Keras 3 GroupQueryAttention (class GroupedQueryAttention) is the same attention over {@code num_query_heads} heads of {@code head_dim}, whose key
 * and value projections have {@code num_key_value_heads} heads, each repeated for its group of query heads (written
 * out at import). Its inputs' masks hide steps as MultiHeadAttention's do, but Keras leaves them on the inputs.
 */
final class MultiHeadAttentionTranslator implements LayerTranslator {
    private static final Activation LINEAR = Activation.of(Activation.Kind.LINEAR);

    private final boolean grouped;

    /** @param grouped whether this is GroupQueryAttention */
    MultiHeadAttentionTranslator(boolean grouped) {
        this.grouped = grouped;
    }

    /** A projection: its name in a {@code .keras} archive and in an {@code .h5} file. */
    private enum Part {
        QUERY("query_dense", "query"), KEY("key_dense", "key"), VALUE("value_dense", "value"), GATE("_gate_dense", "gate"),
        OUTPUT("output_dense", "attention_output");

        final String archive;
        final String h5;

        Part(String archive, String h5) {
            this.archive = archive;
            this.h5 = h5;
        }

        /** The kernel, then the bias if any, of this part among {@code weights} (paths {@code .../query_dense/vars/0}, {@code .../query/kernel}). */
        List<Weight> of(List<Weight> weights) {
            List<Weight> found = new ArrayList<>();
            for (Weight w : weights) {
                String[] s = w.path().split("/");
                int at = s.length >= 3 && s[s.length - 2].equals("vars") ? s.length - 3 : s.length - 2;
                String name = at >= 0 ? s[at].replaceFirst("^_", "") : ""; // GroupQueryAttention's _query_dense, ...
                if (name.equals(archive.replaceFirst("^_", "")) || name.equals(h5)) {
                    found.add(w);
                }
            }
            return found;
        }
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        config.ignore("kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
                "activity_regularizer", "kernel_constraint", "bias_constraint", "seed");
        if (t.version().major() < 3) {
            config.problem("was written by Keras " + t.version() + ", whose MultiHeadAttention masks otherwise than"
                    + " Keras 3; keras4j implements Keras 3's");
            return List.of(t.unavailable());
        }
        int heads = config.positiveInt(grouped ? "num_query_heads" : "num_heads");
        int keyDim = config.positiveInt(grouped ? "head_dim" : "key_dim");
        JsonNode vd = config.raw("value_dim");
        int valueDim = grouped || vd == null || vd.isNull() ? keyDim : config.positiveInt("value_dim");
        int keyValueHeads = grouped ? config.positiveInt("num_key_value_heads") : heads;
        boolean useBias = config.bool(true, "use_bias");
        boolean useGate = config.bool(false, "use_gate");
        boolean dropout = config.number(0, "dropout") > 0;
        boolean flash = config.bool(false, "flash_attention");
        int window = slidingWindow(config);
        JsonNode outputShape = grouped ? null : config.raw("output_shape");
        boolean axesKnown = grouped || attentionAxes(config);
        if (heads % keyValueHeads != 0 && !config.hasProblems()) { // head counts read as 1 after a problem
            config.problem("option num_key_value_heads=" + keyValueHeads + " does not divide num_query_heads=" + heads);
        }
        List<KTensor> ins = t.inputs();
        if (config.hasProblems() || window < 0 || !axesKnown) {
            return List.of(t.unavailable());
        }
        if (ins.size() < 2 || ins.size() > 3) {
            config.problem("expects [query, value] or [query, value, key], got " + ins.size() + " inputs");
            return List.of(t.unavailable());
        }
        for (String given : List.of("attention_mask", "query_mask", "value_mask", "key_mask")) {
            JsonNode a = t.callArgument(given);
            if (!a.isMissingNode() && !a.isNull()) {
                config.problem("is called with " + given + "=" + (a.isObject() ? "a tensor" : a) + ", which keras4j does not"
                        + " support (it applies the masks the inputs carry)");
                return List.of(t.unavailable());
            }
        }
        KTensor query = ins.get(0);
        KTensor value = ins.get(1);
        KTensor key = ins.size() == 3 ? ins.get(2) : null;
        if (Stream.of(query, value, key).anyMatch(x -> x != null && TimeDistributedTranslator.refusesKeptMask(config, t,
                x.mask(), "broadcasts it against the scores, which fails"))) {
            return List.of(t.unavailable());
        }
        // MultiHeadAttention removes its inputs' masks at run time; GroupQueryAttention keeps them
        if (AttentionTranslator.readsRemovedMasks(config, t, Stream.of(query, value, key), !grouped)) {
            return List.of(t.unavailable());
        }
        int[] qs = t.shape(query.value());
        int[] vs = t.shape(value.value());
        int[] ks = key == null ? vs : t.shape(key.value());
        if (qs.length != 3 || vs.length != 3 || ks.length != 3 || qs[2] <= 0 || vs[2] <= 0 || ks[2] <= 0) {
            config.problem("takes a query, value and key of rank 3 with known last dimensions, got "
                    + GeneralConfig.shapeText(qs) + ", " + GeneralConfig.shapeText(vs) + ", " + GeneralConfig.shapeText(ks));
            return List.of(t.unavailable());
        }
        int out = outputDim(config, outputShape, qs[2]);
        if (out <= 0) {
            return List.of(t.unavailable());
        }
        int per = useBias ? 2 : 1;
        if (!LayerWeights.count(config, t.weights(), (useGate ? 5 : 4) * per, "kernel" + (useBias ? " and bias" : "")
                + " of query, key, value" + (useGate ? ", gate" : "") + " and output")) {
            return List.of(t.unavailable());
        }
        String q = project(config, t, Part.QUERY, query, qs[2], new long[] {heads, keyDim}, 1, LINEAR, per);
        int repeats = heads / keyValueHeads;
        String k = project(config, t, Part.KEY, key == null ? value : key, ks[2], new long[] {keyValueHeads, keyDim},
                repeats, LINEAR, per);
        String v = project(config, t, Part.VALUE, value, vs[2], new long[] {keyValueHeads, valueDim}, repeats, LINEAR, per);
        String gate = useGate ? project(config, t, Part.GATE, query, qs[2], new long[] {heads, valueDim}, 1,
                Activation.of(Activation.Kind.SIGMOID), per) : null;
        if (q == null || k == null || v == null || useGate && gate == null) {
            return List.of(t.unavailable());
        }
        Boolean causal = GeneralConfig.callFlag(config, t, "use_causal_mask");
        Boolean returnScores = GeneralConfig.callFlag(config, t, "return_attention_scores");
        if (causal == null || returnScores == null) {
            return List.of(t.unavailable());
        }
        if (flash && (dropout || returnScores)) {
            config.problem("option flash_attention=true with " + (dropout ? "dropout" : "return_attention_scores")
                    + ", which Keras refuses");
            return List.of(t.unavailable());
        }
        List<String> opIns = new ArrayList<>(List.of(q, k, v));
        KTensor keyMasked = key != null && key.mask() != null ? key : null;
        Stream.of(query, value, keyMasked).filter(x -> x != null && x.mask() != null).forEach(x -> opIns.add(x.mask()));
        // Keras 3.10 made its Softmax layer zero what is masked, which MultiHeadAttention uses with dropout or scores
        boolean zeroRows = (dropout || returnScores) && !t.version().before(3, 10);
        MultiHeadAttention attention = new MultiHeadAttention(heads, keyDim, valueDim,
                zeroRows ? MultiHeadAttention.Rows.ZERO : MultiHeadAttention.Rows.EVEN, query.mask() != null,
                value.mask() != null, keyMasked != null, causal, window, returnScores);
        List<String> attended = t.emit(attention, opIns);
        String combined = attended.get(0);
        if (useGate) {
            combined = t.emit(new Merge(Merge.Kind.MULTIPLY, new boolean[2]), List.of(combined, gate)).get(0);
        }
        List<Weight> w = Part.OUTPUT.of(t.weights());
        float[] kernel = w.size() == per ? LayerWeights.take(config, w, 0, "output kernel", heads, valueDim, out) : null;
        float[] bias = useBias && kernel != null ? LayerWeights.take(config, w, 1, "output bias", out) : null;
        if (kernel == null || useBias && bias == null) {
            missing(config, Part.OUTPUT, w, per);
            return List.of(t.unavailable());
        }
        String y = t.emit(new Dense(heads * valueDim, out, kernel, bias, LINEAR), List.of(combined)).get(0);
        KTensor result = new KTensor(y, query.mask());
        return returnScores ? List.of(result, new KTensor(attended.get(1), null)) : List.of(result);
    }

    /**
     * A Dense over the last axis giving {@code (heads, dim)} flattened, each stored head {@code repeats} times in a row
     * (GroupQueryAttention's key and value heads), or null (problem recorded).
     */
    private static String project(LayerConfig config, Translation t, Part part, KTensor x, int in, long[] headsDim,
                                  int repeats, Activation activation, int per) {
        List<Weight> w = part.of(t.weights());
        float[] kernel = w.size() == per ? LayerWeights.take(config, w, 0, part.h5 + " kernel", in, headsDim[0], headsDim[1])
                : null;
        float[] bias = per == 2 && kernel != null ? LayerWeights.take(config, w, 1, part.h5 + " bias", headsDim) : null;
        if (kernel == null || per == 2 && bias == null) {
            missing(config, part, w, per);
            return null;
        }
        int stored = (int) (headsDim[0] * headsDim[1]);
        int units = stored * repeats;
        return t.emit(new Dense(in, units, repeatHeads(kernel, in, stored, (int) headsDim[1], repeats),
                bias == null ? null : repeatHeads(bias, 1, stored, (int) headsDim[1], repeats), activation),
                List.of(x.value())).get(0);
    }

    /** Rows of {@code heads·dim} values with each head's {@code dim} values repeated {@code repeats} times in a row. */
    private static float[] repeatHeads(float[] rows, int count, int width, int dim, int repeats) {
        if (repeats == 1) {
            return rows;
        }
        float[] out = new float[count * width * repeats];
        for (int r = 0; r < count; r++) {
            for (int h = 0; h < width / dim; h++) {
                for (int k = 0; k < repeats; k++) {
                    System.arraycopy(rows, r * width + h * dim, out, r * width * repeats + (h * repeats + k) * dim, dim);
                }
            }
        }
        return out;
    }

    private static void missing(LayerConfig config, Part part, List<Weight> found, int per) {
        if (found.size() != per) {
            config.problem("expected " + per + " weight arrays of its " + part.h5 + " projection (" + part.archive + " or "
                    + part.h5 + "), found " + found.stream().map(Weight::path).toList());
        }
    }

    /** The output's last dimension: output_shape (null: the query's), or -1 (problem recorded). */
    private static int outputDim(LayerConfig config, JsonNode outputShape, int queryDim) {
        JsonNode o = outputShape;
        if (o == null || o.isNull()) {
            return queryDim;
        }
        if (o.isArray() && o.size() == 1) {
            o = o.get(0);
        }
        if (o.canConvertToInt() && o.isIntegralNumber() && o.asInt() > 0) {
            return o.asInt();
        }
        config.problem("option output_shape=" + outputShape + " is not supported (one positive dimension)");
        return -1;
    }

    /** Whether attention_axes is the steps axis (null, 1, -2, [1] or [-2] for a rank-3 query); records a problem otherwise. */
    private static boolean attentionAxes(LayerConfig config) {
        JsonNode a = config.raw("attention_axes");
        if (a == null || a.isNull()) {
            return true;
        }
        JsonNode axis = a.isArray() && a.size() == 1 ? a.get(0) : a;
        if (axis.isIntegralNumber() && (axis.asInt() == 1 || axis.asInt() == -2)) {
            return true;
        }
        config.problem("option attention_axes=" + a + " is not supported (keras4j attends over the steps, axis 1, of a"
                + " rank-3 query)");
        return false;
    }

    /** The sliding window's size, 0 for none, or -1 (problem recorded). */
    private static int slidingWindow(LayerConfig config) {
        JsonNode w = config.raw("sliding_window");
        if (w == null || w.isNull()) {
            return 0;
        }
        if (w.isIntegralNumber() && w.canConvertToInt() && w.asInt() > 0) {
            return w.asInt();
        }
        config.problem("option sliding_window=" + w + " must be a positive integer");
        return -1;
    }
}
