package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.importer.keras.LayerSpec;
import io.keras4j.importer.keras.Weight;
import io.keras4j.runtime.ops.BidirectionalMerge;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keras Bidirectional over LSTM, GRU or SimpleRNN. The forward and backward layers are translated by
 * their own translators on the same, un-reversed input (the backward one runs with go_backwards); as in
 * tf.keras and Keras 3, both output zeros at masked steps when returning sequences (Keras 1 and 2 repeat the
 * previous output there, see {@link RecurrentConfig#bidirectionalZeroesMaskedSteps}). Weights are the forward layer's,
 * then the backward layer's; initial states are split the same way. A backward_layer may be another of LSTM, GRU and
 * SimpleRNN (without initial states). Outputs: the merged output (two
 * outputs for merge_mode None), then the forward states, then the backward states.
 */
final class BidirectionalTranslator implements LayerTranslator {
    /** The classes a backward_layer may differ in from the forward layer. */
    private static final Set<String> MIXABLE = Set.of("LSTM", "GRU", "SimpleRNN");

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        JsonNode layer = config.raw("layer");
        JsonNode backward = config.raw("backward_layer");
        JsonNode modeNode = config.raw("merge_mode");
        String mode = modeNode == null ? "concat" : modeNode.isNull() ? null : modeNode.asText();
        config.ignore("weights");
        JsonNode constants = config.raw("num_constants");
        if (constants != null && !constants.isNull() && constants.asInt() != 0) {
            config.problem("option num_constants=" + constants + " is not supported");
        }
        if (layer == null || !layer.isObject()) {
            config.problem("has no wrapped layer config");
            return List.of(t.unavailable());
        }
        BidirectionalMerge.Mode merge = mergeMode(config, mode);
        JsonNode forwardConfig = layer.path("config");
        boolean sequences = forwardConfig.path("return_sequences").asBoolean(false);
        boolean zeroMasked = sequences && RecurrentConfig.bidirectionalZeroesMaskedSteps(t.version());
        boolean returnState = forwardConfig.path("return_state").asBoolean(false);
        LayerSpec forward = inner(layer, zeroMasked, null, "forward_");
        LayerSpec back = backward != null && backward.isObject()
                ? inner(backward, zeroMasked, null, "backward_")
                : inner(layer, zeroMasked, !forwardConfig.path("go_backwards").asBoolean(false), "backward_");
        List<Weight> w = t.weights();
        List<KTensor> state = t.initialState();
        boolean mixed = !forward.className().equals(back.className());
        if (mixed && !(MIXABLE.contains(forward.className()) && MIXABLE.contains(back.className()))) {
            config.problem("forward layer " + forward.className() + " and backward layer " + back.className() + " differ in"
                    + " class (keras4j mixes LSTM, GRU and SimpleRNN only)");
        } else if (mixed && returnState && forward.className().equals("LSTM") != back.className().equals("LSTM")) {
            config.problem("option return_state=true with a forward " + forward.className() + " and a backward "
                    + back.className() + ", whose states differ in number: Keras fails to run it");
            return List.of(t.unavailable());
        } else if (mixed && !state.isEmpty()) {
            config.problem("is given initial states for a forward " + forward.className() + " and a backward "
                    + back.className() + ", which keras4j does not split between layers of different classes");
            return List.of(t.unavailable());
        }
        boolean forwardBias = forwardConfig.path("use_bias").asBoolean(true);
        boolean unevenBias = backward != null && backward.path("config").path("use_bias").asBoolean(true) != forwardBias;
        // a backward_layer of its own use_bias or class: the forward layer holds a kernel, a recurrent kernel and maybe a bias
        boolean own = unevenBias || mixed;
        int forwardWeights = own ? (forwardBias ? 3 : 2) : w.size() / 2;
        if (!own && w.size() % 2 != 0 || forwardWeights > w.size() || state.size() % 2 != 0) {
            config.problem("holds " + w.size() + " weight arrays and " + state.size()
                    + " initial states, which do not split between the forward and backward layers");
            return List.of(t.unavailable());
        }
        KTensor x = t.inputs().get(0);
        List<KTensor> f = t.translateInner(forward, List.of(x), state.subList(0, state.size() / 2), w.subList(0, forwardWeights));
        List<KTensor> b = t.translateInner(back, List.of(x), state.subList(state.size() / 2, state.size()),
                w.subList(forwardWeights, w.size()));
        if (f.size() != b.size()) {
            config.problem("forward and backward layers return different numbers of outputs");
            return List.of(t.unavailable());
        }
        List<String> merged = t.emit(new BidirectionalMerge(merge, sequences), List.of(f.get(0).value(), b.get(0).value()));
        String mask = sequences ? x.mask() : null;
        List<KTensor> out = new ArrayList<>();
        out.add(new KTensor(merged.get(0), mask));
        if (merge == BidirectionalMerge.Mode.NONE) {
            out.add(new KTensor(merged.get(1), mask));
        }
        if (returnState) {
            out.addAll(f.subList(1, f.size()));
            out.addAll(b.subList(1, b.size()));
        }
        return out;
    }

    private static BidirectionalMerge.Mode mergeMode(LayerConfig config, String mode) {
        if (mode == null) {
            return BidirectionalMerge.Mode.NONE;
        }
        switch (mode) {
            case "concat":
            case "sum":
            case "mul":
            case "ave":
                return BidirectionalMerge.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
            default:
                config.problem("option merge_mode='" + mode + "' is not supported (concat, sum, mul, ave or None)");
                return BidirectionalMerge.Mode.CONCAT;
        }
    }

    /**
     * The spec of the forward or backward layer, whose masked sequence outputs are zeros when {@code zeroMasked};
     * {@code goBackwards}, when given, replaces the option (tf.keras derives the backward
     * layer from the forward one by flipping it).
     */
    private static LayerSpec inner(JsonNode layer, boolean zeroMasked, Boolean goBackwards, String prefix) {
        ObjectNode config = layer.path("config").isObject() ? ((ObjectNode) layer.path("config")).deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        config.put("zero_output_for_mask", zeroMasked);
        if (goBackwards != null) {
            config.put("go_backwards", goBackwards);
        }
        String name = config.path("name").asText("rnn");
        if (!name.startsWith(prefix)) {
            name = prefix + name;
        }
        return new LayerSpec(name, layer.path("class_name").asText(), config, List.of());
    }
}
