package io.keras4j.importer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The masks a Keras 3 functional config passes as {@code mask} arguments computed by operation nodes. Keras records
 * the masks its layers derive (their {@code compute_mask}) that way, and keras4j derives the same masks itself, so it
 * accepts exactly those chains:
 * <ul>
 *   <li>Masking: {@code Any(NotEqual(x, mask_value), axis=-1)} over the Masking layer's input x;</li>
 *   <li>Embedding with {@code mask_zero}: {@code NotEqual(ids, 0)} over its input;</li>
 *   <li>Add, Maximum, ... of masked inputs: {@code LogicalOr} of such masks;</li>
 *   <li>Concatenate: {@code Any(Concatenate(parts), axis=-1)}, each part a mask, {@code OnesLike(input)} for an unmasked
 *       input, or {@code LogicalOr(ExpandDims(mask, -1), ZerosLike(input))};</li>
 *   <li>Attention and AdditiveAttention: {@code ConvertToTensor} of the query's mask;</li>
 * </ul>
 * a {@code Cast} may precede a {@code NotEqual}, and the Masking or Embedding layer must lie upstream of the call.
 * Any other mask (another comparison, another tensor, a {@code mask=} written by hand) would change the numbers and
 * is refused by name.
 */
final class DerivedMasks {
    /** Every operation Keras records for the masks it derives. */
    static final Set<String> OPERATIONS = Set.of("NotEqual", "Any", "LogicalOr", "ExpandDims", "ZerosLike", "OnesLike",
            "Concatenate", "Cast", "ConvertToTensor");

    private final List<LayerSpec> specs;
    private final Map<String, JsonNode> operations;
    private final Map<String, LayerSpec> byName = new HashMap<>();
    private final Map<String, Set<String>> upstream = new HashMap<>();
    /** The Concatenates met in the mask being checked, outermost first. */
    private final List<RecordedConcatenation> concatenations = new ArrayList<>();

    private DerivedMasks(List<LayerSpec> specs, Map<String, JsonNode> operations) {
        this.specs = specs;
        this.operations = operations;
        for (LayerSpec l : specs) {
            byName.putIfAbsent(l.name(), l);
        }
    }

    /**
     * Records a problem for every call given a mask Keras does not derive, and returns the layers with those masks
     * dropped (so that no later check names them again).
     *
     * @param operations the config's operation nodes by name
     */
    static List<LayerSpec> check(List<LayerSpec> specs, Map<String, JsonNode> operations, Problems problems) {
        DerivedMasks masks = new DerivedMasks(specs, operations);
        List<LayerSpec> out = new ArrayList<>();
        for (LayerSpec layer : specs) {
            List<LayerCall> calls = new ArrayList<>();
            for (LayerCall call : layer.calls()) {
                TensorRef mask = call.mask();
                masks.concatenations.clear();
                if (mask != null && masks.derived(mask, masks.upstreamOf(call.inputs()), 0)) {
                    call = call.withMaskConcatenations(masks.concatenations);
                } else if (mask != null) {
                    JsonNode op = operations.get(mask.layer());
                    problems.add(layer, "is given the mask " + mask + " computed by "
                            + (op == null ? "'" + mask.layer() + "'" : "the Keras operation " + op.path("class_name").asText())
                            + ", which is not the mask Keras derives; keras4j applies only the masks of Masking and"
                            + " Embedding(mask_zero=True), not a mask= computed in the model");
                    call = call.withoutMask();
                }
                calls.add(call);
            }
            out.add(new LayerSpec(layer.name(), layer.className(), layer.config(), calls, layer.operation()));
        }
        return out;
    }

    /** Deeper than any chain Keras writes (at most five operations); bounds the walk over a hostile config. */
    private static final int MAX_DEPTH = 16;

    /** Whether operation result {@code t} is a mask Keras derives from layers in {@code above}. */
    private boolean derived(TensorRef t, Set<String> above, int depth) {
        JsonNode op = operations.get(t.layer());
        if (op == null || depth > MAX_DEPTH) {
            return false;
        }
        List<TensorRef> args = tensors(op);
        switch (op.path("class_name").asText()) {
            case "NotEqual":
                return args.size() == 1 && Double.valueOf(0).equals(constant(op))
                        && feeds(args.get(0), above, "Embedding", op, depth);
            case "LogicalOr":
                return args.size() == 2 && args.stream().allMatch(a -> derived(a, above, depth + 1));
            case "ConvertToTensor":
                return args.size() == 1 && derived(args.get(0), above, depth + 1);
            case "Any": {
                if (args.size() != 1 || !lastAxis(op) || op.path("config").path("keepdims").asBoolean(false)) {
                    return false;
                }
                JsonNode inner = operations.get(args.get(0).layer());
                String cls = inner == null ? "" : inner.path("class_name").asText();
                if (cls.equals("NotEqual")) {
                    List<TensorRef> x = tensors(inner);
                    return x.size() == 1 && feeds(x.get(0), above, "Masking", inner, depth);
                }
                if (!cls.equals("Concatenate") || tensors(inner).isEmpty()) {
                    return false;
                }
                int at = concatenations.size();
                if (!tensors(inner).stream().allMatch(p -> concatenatedPart(p, above, depth + 2))) {
                    return false;
                }
                recordConcatenation(inner, at, depth == 0);
                return true;
            }
            default:
                return false;
        }
    }

    /**
     * Notes which tensors a recorded Concatenate of masks counts as masked (inserted at {@code at}, before those met
     * inside its parts), when every part names its tensor: {@code OnesLike(input)} or {@code LogicalOr(ExpandDims(mask),
     * ZerosLike(input))}.
     */
    private void recordConcatenation(JsonNode concatenate, int at, boolean whole) {
        List<TensorRef> parts = new ArrayList<>();
        List<Boolean> masked = new ArrayList<>();
        for (TensorRef p : tensors(concatenate)) {
            JsonNode op = operations.get(p.layer());
            boolean ones = op.path("class_name").asText().equals("OnesLike");
            JsonNode zeros = ones || tensors(op).size() != 2 ? null : operations.get(tensors(op).get(1).layer());
            JsonNode named = ones ? op : zeros != null && zeros.path("class_name").asText().equals("ZerosLike") ? zeros : null;
            if (named == null || tensors(named).size() != 1) {
                return;
            }
            parts.add(tensors(named).get(0));
            masked.add(!ones);
        }
        JsonNode axis = concatenate.path("config").path("axis");
        if (axis.canConvertToInt()) {
            concatenations.add(at, new RecordedConcatenation(axis.asInt(), parts, masked, whole));
        }
    }

    /** A part of Concatenate's mask: OnesLike(input), LogicalOr(ExpandDims(mask, -1), ZerosLike(input)), or a mask. */
    private boolean concatenatedPart(TensorRef p, Set<String> above, int depth) {
        JsonNode op = operations.get(p.layer());
        if (op == null) {
            return false;
        }
        String cls = op.path("class_name").asText();
        if (cls.equals("OnesLike")) {
            return true;
        }
        List<TensorRef> args = tensors(op);
        if (cls.equals("LogicalOr") && args.size() == 2) {
            JsonNode expand = operations.get(args.get(0).layer());
            JsonNode zeros = operations.get(args.get(1).layer());
            if (expand != null && zeros != null && expand.path("class_name").asText().equals("ExpandDims")
                    && lastAxis(expand) && zeros.path("class_name").asText().equals("ZerosLike")
                    && tensors(expand).size() == 1) {
                return derived(tensors(expand).get(0), above, depth + 1);
            }
        }
        return derived(p, above, depth);
    }

    /**
     * Whether {@code x} (through a Cast) is the input of a layer of class {@code cls} upstream of the call, with the
     * comparison's constant: Masking's {@code mask_value}, Embedding's 0 with {@code mask_zero}.
     */
    private boolean feeds(TensorRef x, Set<String> above, String cls, JsonNode notEqual, int depth) {
        JsonNode cast = operations.get(x.layer());
        if (cast != null && cast.path("class_name").asText().equals("Cast") && tensors(cast).size() == 1) {
            x = tensors(cast).get(0);
        }
        Double value = constant(notEqual);
        List<TensorRef> input = List.of(x);
        return value != null && specs.stream().anyMatch(l -> l.className().equals(cls) && above.contains(l.name())
                && (cls.equals("Masking") ? value.equals(l.config().path("mask_value").asDouble(0)) // NaN too
                        : l.config().path("mask_zero").asBoolean(false))
                && l.calls().stream().anyMatch(c -> c.inputs().equals(input)));
    }

    /** The layers whose outputs reach {@code inputs}, through layer calls (operations excluded). */
    private Set<String> upstreamOf(List<TensorRef> inputs) {
        Set<String> all = new HashSet<>();
        for (TensorRef r : inputs) {
            all.addAll(upstream(r.layer()));
        }
        return all;
    }

    private Set<String> upstream(String layer) {
        Set<String> known = upstream.get(layer);
        if (known != null) {
            return known;
        }
        Set<String> set = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(layer));
        while (!todo.isEmpty()) {
            String name = todo.remove(todo.size() - 1);
            LayerSpec l = byName.get(name);
            if (l == null || !set.add(name)) {
                continue;
            }
            for (LayerCall c : l.calls()) {
                for (TensorRef in : c.inputs()) {
                    todo.add(in.layer());
                }
            }
        }
        upstream.put(layer, set);
        return set;
    }

    private static boolean lastAxis(JsonNode op) {
        JsonNode axis = op.path("config").path("axis");
        return axis.isInt() && axis.asInt() == -1 || axis.isArray() && axis.size() == 1 && axis.get(0).asInt() == -1;
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
