package io.keras4j.importer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keras4j.importer.keras.layers.Operations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the model config of every Keras writer (Sequential as a list or a dict, with or without an
 * InputLayer; Functional with Keras 1/2 node lists or Keras 3 node dicts) into a {@link ParsedModel}.
 */
public final class ModelConfigParser {
    private static final Set<String> RECURRENT = Set.of("LSTM", "GRU", "SimpleRNN", "Bidirectional", "CuDNNLSTM", "CuDNNGRU");

    private ModelConfigParser() {
    }

    /** Parses {@code {"class_name": ..., "config": ...}} of a whole model. */
    public static ParsedModel parse(JsonNode model, Problems problems) {
        String cls = model.path("class_name").asText("");
        JsonNode config = model.path("config");
        switch (cls) {
            case "Sequential":
                return sequential(config, problems);
            case "Model":
            case "Functional":
                return functional(config, problems);
            case "Pipeline":
                return pipeline(config, problems);
            default:
                problems.add("model class '" + cls + "' is not supported (expected Sequential, Functional or Model;"
                        + " subclassed models carry Python code and cannot be imported)");
                return null;
        }
    }

    private static ParsedModel sequential(JsonNode config, Problems problems) {
        JsonNode layers = config.isArray() ? config : config.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            problems.add("Sequential model config has no layers");
            return null;
        }
        List<LayerSpec> specs = new ArrayList<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        JsonNode first = layers.get(0);
        int start;
        String inputName;
        if ("InputLayer".equals(first.path("class_name").asText())) {
            inputName = first.path("config").path("name").asText("input_layer");
            int[] shape = inputShape(first.path("config"), inputName, problems);
            if (shape == null) {
                problems.add("InputLayer '" + inputName + "' declares no batch_shape or batch_input_shape");
                return null;
            }
            shapes.put(inputName, shape);
            specs.add(new LayerSpec(inputName, "InputLayer", first.path("config"), List.of()));
            start = 1;
        } else {
            inputName = first.path("config").path("name").asText("layer") + "_input";
            int[] shape = inputShape(first.path("config"), first.path("config").path("name").asText("layer"), problems);
            if (shape == null) {
                shape = keras1InputShape(first);
            }
            if (shape == null && !config.isArray()) {
                shape = toShape(config.path("build_input_shape"), "Sequential model", "build_input_shape", problems);
            }
            if (shape == null) {
                problems.add("Sequential model declares no input shape (no InputLayer, batch_input_shape, input_dim or"
                        + " build_input_shape)");
                return null;
            }
            shapes.put(inputName, shape);
            ObjectNode inputConfig = JsonNodeFactory.instance.objectNode().put("name", inputName);
            specs.add(new LayerSpec(inputName, "InputLayer", inputConfig, List.of()));
            start = 0;
        }
        return chain(layers, start, inputName, specs, shapes);
    }

    /** The model that applies {@code layers} from {@code start} on in order to the input {@code inputName}. */
    private static ParsedModel chain(JsonNode layers, int start, String inputName, List<LayerSpec> specs,
                                     Map<String, int[]> shapes) {
        TensorRef prev = new TensorRef(inputName, 0, 0);
        for (int i = start; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            String name = layer.path("config").path("name").asText("layer_" + i);
            specs.add(new LayerSpec(name, layer.path("class_name").asText(), layer.path("config"),
                    List.of(new LayerCall(List.of(prev), List.of()))));
            prev = new TensorRef(name, 0, 0);
        }
        return new ParsedModel(specs, List.of(new TensorRef(inputName, 0, 0)), List.of(prev), shapes, true);
    }

    /**
     * Keras 3's Pipeline layer: its {@code layers} applied in order, as a Sequential model whose input is bound to the
     * Pipeline's (its shape comes from there, so the config declares none).
     */
    private static ParsedModel pipeline(JsonNode config, Problems problems) {
        JsonNode layers = config.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            problems.add("Pipeline config has no layers");
            return null;
        }
        return chain(layers, 0, config.path("name").asText("pipeline") + "_input", new ArrayList<>(), Map.of());
    }

    private static ParsedModel functional(JsonNode config, Problems problems) {
        List<LayerSpec> specs = new ArrayList<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        Set<String> functional = new HashSet<>();
        for (JsonNode layer : config.path("layers")) {
            String cls = layer.path("class_name").asText();
            if ("Functional".equals(cls) || "Model".equals(cls)) {
                functional.add(layerName(layer));
            }
        }
        Set<String> computing = computingOperations(config);
        for (JsonNode layer : config.path("layers")) {
            String cls = layer.path("class_name").asText();
            String name = layerName(layer);
            if (isOperation(layer)) {
                operations.put(name, layer);
                if (computing.contains(name)) {
                    List<LayerCall> calls = new ArrayList<>();
                    for (JsonNode node : layer.path("inbound_nodes")) {
                        calls.add(operationCall(node));
                    }
                    specs.add(new LayerSpec(name, cls, layer.path("config"), calls, true));
                }
                continue;
            }
            if ("InputLayer".equals(cls)) {
                int[] shape = inputShape(layer.path("config"), name, problems);
                if (shape == null) {
                    problems.add("InputLayer '" + name + "' declares no batch_shape or batch_input_shape");
                    shape = new int[] {-1};
                }
                shapes.put(name, shape);
            }
            List<LayerCall> calls = new ArrayList<>();
            for (JsonNode node : layer.path("inbound_nodes")) {
                calls.add(call(node, RECURRENT.contains(cls), functional));
            }
            specs.add(new LayerSpec(name, cls, layer.path("config"), calls));
        }
        return new ParsedModel(DerivedMasks.check(specs, operations, problems), refs(config.path("input_layers")),
                callIndices(refs(config.path("output_layers")), functional), shapes, false);
    }

    private static String layerName(JsonNode layer) {
        return layer.has("name") ? layer.path("name").asText() : layer.path("config").path("name").asText();
    }

    /**
     * References to the calls of nested Functional models, renumbered from 0. Keras counts a Functional model's own
     * node (its inputs to its outputs) as node 0, so {@code output_layers} (and, before Keras 3, inbound nodes) name its
     * first call node 1; Keras 3 inbound nodes leave that node out and name the first call node 0.
     */
    private static List<TensorRef> callIndices(List<TensorRef> refs, Set<String> functional) {
        List<TensorRef> out = new ArrayList<>();
        for (TensorRef r : refs) {
            out.add(functional.contains(r.layer()) && r.nodeIndex() > 0
                    ? new TensorRef(r.layer(), r.nodeIndex() - 1, r.tensorIndex()) : r);
        }
        return out;
    }

    /**
     * Whether a functional config entry is a Keras operation node rather than a layer: module {@code keras.src.ops...},
     * or, where Keras 3's {@code .h5} writer drops the modules, one of the operations Keras records for masks or that
     * keras4j computes, called as Keras 3 records calls ({@code {"args", "kwargs"}}) and with no {@code trainable} flag
     * in its config (which every Keras 3 layer has, Concatenate and Add included).
     */
    private static boolean isOperation(JsonNode layer) {
        String module = layer.path("module").asText("");
        String cls = layer.path("class_name").asText();
        return module.startsWith("keras.src.ops") || module.isEmpty()
                && (DerivedMasks.OPERATIONS.contains(cls) || Operations.classes().contains(cls))
                && layer.path("inbound_nodes").path(0).isObject() && !layer.path("config").has("trainable");
    }

    /**
     * The operation nodes that compute values the model's layers, outputs or other such operations take (not only the
     * {@code mask} arguments Keras records for the masks it derives, which {@link DerivedMasks} checks): these run as
     * graph nodes.
     */
    private static Set<String> computingOperations(JsonNode config) {
        Map<String, JsonNode> operations = new HashMap<>();
        List<TensorRef> used = new ArrayList<>(refs(config.path("output_layers")));
        for (JsonNode layer : config.path("layers")) {
            if (isOperation(layer)) {
                operations.put(layerName(layer), layer);
                continue;
            }
            for (JsonNode node : layer.path("inbound_nodes")) {
                callTensors(node, "mask", used);
            }
        }
        Set<String> computing = new HashSet<>();
        while (!used.isEmpty()) {
            JsonNode op = operations.get(used.remove(used.size() - 1).layer());
            if (op != null && computing.add(layerName(op))) {
                for (JsonNode node : op.path("inbound_nodes")) {
                    callTensors(node, null, used);
                }
            }
        }
        return computing;
    }

    /** The tensors a Keras 3 call node takes, positionally or by keyword (but not as keyword {@code except}). */
    private static void callTensors(JsonNode node, String except, List<TensorRef> out) {
        if (node.isObject()) {
            collectTensors(node.path("args"), out);
            node.path("kwargs").fields().forEachRemaining(e -> {
                if (!e.getKey().equals(except)) {
                    collectTensors(e.getValue(), out);
                }
            });
        }
    }

    /**
     * The names under which a Keras 3 call records the tensors it was given by keyword in place of positional arguments
     * ({@code Dense(3)(inputs=x)}, {@code MultiHeadAttention(...)(query=q, value=v, key=k)}), in their positional order.
     */
    private static final List<String> KEYWORD_INPUTS = List.of("inputs", "sequences", "query", "value", "key");

    /**
     * One inbound node: Keras 3 {@code {"args", "kwargs"}} or Keras 1/2 {@code [[name, node, tensor, kwargs], ...]}
     * (whose references to the calls of the {@code functional} layers are renumbered from 0: see callIndices).
     */
    private static LayerCall call(JsonNode node, boolean recurrent, Set<String> functional) {
        List<TensorRef> inputs = new ArrayList<>();
        List<TensorRef> state = new ArrayList<>();
        TensorRef mask = null;
        boolean maskPassed = true;
        JsonNode kwargs = MissingNode.getInstance();
        if (node.isObject()) {
            kwargs = node.path("kwargs");
            collectTensors(node.path("args"), inputs);
            for (String name : KEYWORD_INPUTS) {
                collectTensors(kwargs.path(name), inputs);
            }
            collectTensors(node.path("kwargs").path("initial_state"), state);
            List<TensorRef> masks = new ArrayList<>();
            collectTensors(node.path("kwargs").path("mask"), masks);
            mask = masks.isEmpty() ? null : masks.get(0);
            // Keras 3 records a "mask" argument (null when the input had no mask while the model was built)
            // exactly when the layer takes one and was called on one tensor; at run time a null mask is filled in
            // with the input's own mask, which a nested model's output or input also carries.
            maskPassed = node.path("kwargs").has("mask");
        } else {
            for (JsonNode entry : node) {
                inputs.add(new TensorRef(entry.get(0).asText(), entry.get(1).asInt(), entry.get(2).asInt()));
                if (entry.size() > 3) {
                    collectLegacyTensors(entry.get(3).path("initial_state"), state);
                    if (kwargs.isMissingNode()) {
                        kwargs = entry.get(3); // Keras 2 repeats the call's keyword arguments on every input
                    }
                }
            }
            if (recurrent && inputs.size() > 1 && state.isEmpty()) {
                // Keras 2 records RNN initial states as extra inputs after the sequence.
                state.addAll(inputs.subList(1, inputs.size()));
                inputs = new ArrayList<>(inputs.subList(0, 1));
            }
            inputs = callIndices(inputs, functional);
            state = callIndices(state, functional);
        }
        return new LayerCall(inputs, state, mask, maskPassed, kwargs, List.of(), node.isObject() ? node.path("args")
                : MissingNode.getInstance());
    }

    /**
     * One call of an operation: its inputs are the tensors it takes positionally, then those it takes by keyword, in the
     * file's order ({@code ops.rms_normalization(x, scale=s)}: x, s); none is a mask, as operations take masks as values.
     */
    private static LayerCall operationCall(JsonNode node) {
        List<TensorRef> inputs = new ArrayList<>();
        callTensors(node, null, inputs);
        return new LayerCall(inputs, List.of(), null, false, node.path("kwargs"), List.of(), node.path("args"));
    }

    /** The Keras 3 tensor references ({@code __keras_tensor__}) anywhere in {@code v}, in order. */
    static void collectTensors(JsonNode v, List<TensorRef> out) {
        if (v.isArray()) {
            for (JsonNode e : v) {
                collectTensors(e, out);
            }
        } else if (v.isObject() && "__keras_tensor__".equals(v.path("class_name").asText())) {
            JsonNode h = v.path("config").path("keras_history");
            out.add(new TensorRef(h.get(0).asText(), h.get(1).asInt(), h.get(2).asInt()));
        }
    }

    private static void collectLegacyTensors(JsonNode v, List<TensorRef> out) {
        if (v.isArray() && v.size() >= 3 && v.get(0).isTextual()) {
            out.add(new TensorRef(v.get(0).asText(), v.get(1).asInt(), v.get(2).asInt()));
        } else if (v.isArray()) {
            for (JsonNode e : v) {
                collectLegacyTensors(e, out);
            }
        }
    }

    /** input_layers/output_layers: one flat {@code [name, node, tensor]} or a list (or dict) of them. */
    private static List<TensorRef> refs(JsonNode v) {
        List<TensorRef> out = new ArrayList<>();
        if (v.isArray() && v.size() == 3 && v.get(0).isTextual() && v.get(1).isNumber()) {
            out.add(new TensorRef(v.get(0).asText(), v.get(1).asInt(), v.get(2).asInt()));
        } else if (v.isArray() || v.isObject()) {
            for (JsonNode e : v) {
                out.addAll(refs(e));
            }
        }
        return out;
    }

    /**
     * The batch shape a layer config declares: batch_shape (Keras 3), batch_input_shape, or input_shape. A dimension
     * that is neither null nor a whole number from 0 to 2^31-1 is a problem of that layer.
     */
    static int[] inputShape(JsonNode config, String layer, Problems problems) {
        String owner = "layer '" + layer + "'";
        int[] s = toShape(config.path("batch_shape"), owner, "batch_shape", problems);
        if (s == null) {
            s = toShape(config.path("batch_input_shape"), owner, "batch_input_shape", problems);
        }
        if (s == null) {
            int[] inner = toShape(config.path("input_shape"), owner, "input_shape", problems);
            if (inner != null) {
                s = new int[inner.length + 1];
                s[0] = -1;
                System.arraycopy(inner, 0, s, 1, inner.length);
            }
        }
        return s;
    }

    /**
     * The input shape Keras 1 derives from a first layer's {@code input_dim} and {@code input_length} when the config
     * has no batch_input_shape: {@code (None, input_length)} for an Embedding (whose input_dim is the vocabulary),
     * {@code (None, input_length, input_dim)} for layers with an input_length (recurrent layers, TimeDistributedDense,
     * convolutions), {@code (None, input_dim)} otherwise; a wrapper's is its layer's. Null when nothing is declared.
     */
    private static int[] keras1InputShape(JsonNode layer) {
        JsonNode c = layer.path("config");
        if (c.path("layer").isObject()) {
            return keras1InputShape(c.path("layer"));
        }
        int length = c.path("input_length").isInt() ? c.path("input_length").asInt() : -1;
        if ("Embedding".equals(layer.path("class_name").asText())) {
            return c.has("input_length") ? new int[] {-1, length} : null;
        }
        if (!c.path("input_dim").isInt()) {
            return null;
        }
        int dim = c.path("input_dim").asInt();
        return c.has("input_length") ? new int[] {-1, length, dim} : new int[] {-1, dim};
    }

    /** A declared shape, null (unknown) dimensions as -1; a dimension that is not a whole int of at least 0 is a problem. */
    private static int[] toShape(JsonNode v, String owner, String option, Problems problems) {
        if (!v.isArray()) {
            return null;
        }
        int[] s = new int[v.size()];
        for (int i = 0; i < s.length; i++) {
            JsonNode d = v.get(i);
            if (d.isNull()) {
                s[i] = -1;
            } else if (d.isIntegralNumber() && d.canConvertToInt() && d.asInt() >= 0) {
                s[i] = d.asInt();
            } else {
                problems.add(owner + " declares " + option + " " + v + ": dimension " + i + " is " + d
                        + ", expected null or a whole number from 0 to " + Integer.MAX_VALUE);
                s[i] = -1;
            }
        }
        return s;
    }
}
