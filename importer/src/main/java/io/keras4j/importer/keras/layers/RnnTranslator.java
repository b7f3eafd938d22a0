package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.importer.keras.LayerSpec;
import io.keras4j.importer.keras.Weight;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras RNN over an LSTMCell, GRUCell or SimpleRNNCell, run as the matching layer with the cell's options and the
 * RNN's; over StackedRNNCells (a list of cells), run as those layers stacked: every one but the last returns its
 * sequence, only the first goes backwards, and the states come in the cells' order. Stacked cells are refused with
 * {@code stateful} and with {@code go_backwards} on a masked input (Keras keeps the mask in input order while the first
 * layer's sequence comes out reversed).
 */
final class RnnTranslator implements LayerTranslator {
    private static final Map<String, String> LAYER_OF_CELL = Map.of("LSTMCell", "LSTM", "GRUCell", "GRU",
            "SimpleRNNCell", "SimpleRNN");
    private static final String[] RNN_OPTIONS = {"return_sequences", "return_state", "go_backwards", "stateful", "unroll",
            "zero_output_for_mask", "time_major"};

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        ObjectNode options = ((ObjectNode) config.layer().config()).objectNode();
        for (String k : RNN_OPTIONS) {
            JsonNode v = config.raw(k);
            if (v != null) {
                options.set(k, v);
            }
        }
        config.ignore("input_spec", "constants");
        JsonNode cell = config.raw("cell");
        List<JsonNode> cells = new ArrayList<>();
        if (cell != null && "StackedRNNCells".equals(cell.path("class_name").asText())) {
            cell.path("config").path("cells").forEach(cells::add);
        } else if (cell != null && cell.isArray()) {
            cell.forEach(cells::add);
        } else if (cell != null) {
            cells.add(cell);
        }
        if (cells.isEmpty()) {
            config.problem("option cell=" + cell + " holds no cell");
            return List.of(t.unavailable());
        }
        for (JsonNode c : cells) {
            if (!LAYER_OF_CELL.containsKey(c.path("class_name").asText())) {
                config.problem("cell class " + c.path("class_name").asText() + " is not supported (LSTMCell, GRUCell,"
                        + " SimpleRNNCell, or a list of them)");
                return List.of(t.unavailable());
            }
        }
        KTensor x = t.inputs().get(0);
        boolean stacked = cells.size() > 1;
        if (stacked && options.path("stateful").asBoolean(false)) {
            config.problem("option stateful=true is not supported with stacked cells");
            return List.of(t.unavailable());
        }
        if (stacked && options.path("go_backwards").asBoolean(false) && x.mask() != null && t.maskPassed()) {
            config.problem("option go_backwards=true is not supported with stacked cells and a mask");
            return List.of(t.unavailable());
        }
        boolean returnState = options.path("return_state").asBoolean(false);
        List<Weight> weights = t.weights();
        List<KTensor> initial = t.initialState();
        List<KTensor> states = new ArrayList<>();
        int w = 0;
        int s = 0;
        for (int i = 0; i < cells.size(); i++) {
            JsonNode c = cells.get(i);
            String layerClass = LAYER_OF_CELL.get(c.path("class_name").asText());
            ObjectNode merged = c.path("config").isObject() ? ((ObjectNode) c.path("config")).deepCopy() : options.objectNode();
            merged.setAll(options.deepCopy());
            boolean last = i == cells.size() - 1;
            if (!last) {
                merged.put("return_sequences", true);
                merged.put("return_state", returnState);
            }
            if (i > 0) {
                merged.put("go_backwards", false);
            }
            int cellWeights = merged.path("use_bias").asBoolean(true) ? 3 : 2;
            int cellStates = layerClass.equals("LSTM") ? 2 : 1;
            if (w + cellWeights > weights.size() || !initial.isEmpty() && s + cellStates > initial.size()) {
                config.problem("holds " + weights.size() + " weight arrays and " + initial.size() + " initial states, which"
                        + " do not split between its " + cells.size() + " cells");
                return List.of(t.unavailable());
            }
            String name = stacked ? config.layer().name() + "/" + merged.path("name").asText("cell_" + i) : config.layer().name();
            List<KTensor> out = t.translateInner(new LayerSpec(name, layerClass, merged, List.of()), List.of(x),
                    initial.isEmpty() ? List.of() : initial.subList(s, s + cellStates), weights.subList(w, w + cellWeights));
            w += cellWeights;
            s += cellStates;
            x = out.get(0);
            if (returnState) {
                states.addAll(out.subList(1, out.size()));
            }
        }
        if (w != weights.size() || !initial.isEmpty() && s != initial.size()) {
            config.problem("holds " + weights.size() + " weight arrays and " + initial.size() + " initial states, more than"
                    + " its " + cells.size() + " cells take");
            return List.of(t.unavailable());
        }
        List<KTensor> result = new ArrayList<>(List.of(x));
        result.addAll(states);
        return result;
    }
}
