package io.keras4j.importer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The masks a Keras 3 functional config passes as {@code mask} arguments computed by operation nodes. Keras
 * records the masks it derives itself that way: {@code NotEqual(x, mask_value)} over a Masking layer's input
 * (then {@code Any} over the last axis), {@code NotEqual(ids, 0)} over the input of an Embedding with
 * {@code mask_zero}, combined by the merge layers' {@code LogicalOr}, {@code ExpandDims}, {@code Concatenate},
 * {@code OnesLike}, ... keras4j derives those masks itself. A mask computed any other way (another comparison,
 * another tensor, a {@code mask=} written by hand) would change the numbers and is refused by name.
 */
final class DerivedMasks {
    /** Operations that only combine or reshape masks. */
    private static final Set<String> COMBINING = Set.of("Any", "All", "LogicalOr", "LogicalAnd", "ExpandDims",
            "Squeeze", "Concatenate", "BroadcastTo");
    /** Operations whose result does not depend on their input's values. */
    private static final Set<String> SHAPE_ONLY = Set.of("OnesLike", "ZerosLike");
    /** Every operation Keras records for the masks it derives. */
    static final Set<String> OPERATIONS = union(union(COMBINING, SHAPE_ONLY), Set.of("NotEqual"));

    private DerivedMasks() {
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /**
     * Records a problem for every call given a mask Keras does not derive, and returns the layers with those masks
     * dropped (so that no later check names them again).
     *
     * @param operations the config's operation nodes by name
     */
    static List<LayerSpec> check(List<LayerSpec> specs, Map<String, JsonNode> operations, Problems problems) {
        Map<String, Boolean> seen = new HashMap<>();
        List<LayerSpec> out = new ArrayList<>();
        for (LayerSpec layer : specs) {
            List<LayerCall> calls = new ArrayList<>();
            for (LayerCall call : layer.calls()) {
                TensorRef mask = call.mask();
                if (mask != null && !derived(mask, specs, operations, seen)) {
                    JsonNode op = operations.get(mask.layer());
                    problems.add(layer, "is given the mask " + mask + " computed by "
                            + (op == null ? "a layer" : "the Keras operation " + op.path("class_name").asText())
                            + ", which is not the mask Keras derives; keras4j applies only the masks of Masking and"
                            + " Embedding(mask_zero=True), not a mask= computed in the model");
                    call = new LayerCall(call.inputs(), call.initialState(), null, call.maskPassed());
                }
                calls.add(call);
            }
            out.add(new LayerSpec(layer.name(), layer.className(), layer.config(), calls));
        }
        return out;
    }

    /**
     * Whether the operation result {@code t} is a mask Keras derives; {@code seen} holds the answer for each
     * operation already visited (false while it is being visited, so a cyclic hostile config ends).
     */
    private static boolean derived(TensorRef t, List<LayerSpec> specs, Map<String, JsonNode> operations,
                                   Map<String, Boolean> seen) {
        JsonNode op = operations.get(t.layer());
        if (op == null) {
            return false;
        }
        Boolean known = seen.putIfAbsent(t.layer(), false);
        if (known != null) {
            return known;
        }
        String cls = op.path("class_name").asText();
        List<TensorRef> args = tensors(op);
        boolean derived;
        if (SHAPE_ONLY.contains(cls)) {
            derived = true;
        } else if (COMBINING.contains(cls)) {
            derived = !args.isEmpty() && args.stream().allMatch(a -> derived(a, specs, operations, seen));
        } else {
            Double value = "NotEqual".equals(cls) && args.size() == 1 ? constant(op) : null;
            derived = value != null
                    && (feeds(args.get(0), specs, "Masking", c -> c.path("mask_value").asDouble(0) == value)
                    || value == 0 && feeds(args.get(0), specs, "Embedding", c -> c.path("mask_zero").asBoolean(false)));
        }
        seen.put(t.layer(), derived);
        return derived;
    }

    /** Whether tensor {@code x} is the input of a call of a layer of class {@code cls} whose config passes. */
    private static boolean feeds(TensorRef x, List<LayerSpec> specs, String cls,
                                 Predicate<JsonNode> config) {
        return x != null && specs.stream().anyMatch(l -> l.className().equals(cls) && config.test(l.config())
                && l.calls().stream().anyMatch(c -> c.inputs().equals(List.of(x))));
    }

    /** The tensor arguments of an operation's first call. */
    private static List<TensorRef> tensors(JsonNode op) {
        List<TensorRef> refs = new ArrayList<>();
        ModelConfigParser.collectTensors(op.path("inbound_nodes").path(0).path("args"), refs);
        return refs;
    }

    /** The numeric constant among an operation's arguments, or null. */
    private static Double constant(JsonNode op) {
        for (JsonNode a : op.path("inbound_nodes").path(0).path("args")) {
            if (a.isNumber()) {
                return a.asDouble();
            }
        }
        return null;
    }
}
