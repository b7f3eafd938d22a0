package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Gather;
import io.keras4j.runtime.ops.primitive.Unsqueeze;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code x[key]} (operation GetItem), numpy's basic indexing: per axis a slice {@code start:stop:step} (any
 * integers, step not 0), an integer index (the axis is dropped), {@code None} (a new axis of 1) and one
 * {@code ...}. The batch axis must be taken whole ({@code x[:, ...]}). Computed as a Slice of the sliced axes, a Gather
 * of each indexed one (an index outside an axis whose length is unknown at import fails at run time, naming the index),
 * then an Unsqueeze of the new ones.
 */
final class GetItemTranslator implements LayerTranslator {
    /** One entry of the key: a slice of an input axis, an index into one, or a new axis. */
    private record Item(boolean index, boolean added, long start, long stop, long step, boolean whole) {
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        JsonNode args = t.positionalArguments();
        if (!args.isArray() || args.size() != 2 || !OperationArguments.isTensor(args.get(0)) || t.inputs().size() != 1) {
            config.problem("expects a tensor and a key of integers, slices, None and ..., got " + args);
            return List.of(t.unavailable());
        }
        KTensor x = t.inputs().get(0);
        int[] shape = t.shape(x.value());
        List<Item> items = items(config, args.get(1), shape.length);
        if (items == null) {
            return List.of(t.unavailable());
        }
        List<float[]> bounds = new ArrayList<>(); // start, stop, axis, step
        List<long[]> indexed = new ArrayList<>(); // axis, index
        List<Long> added = new ArrayList<>();
        int axis = 0;
        int out = 0;
        for (Item item : items) {
            if (item.added()) {
                if (axis == 0) {
                    config.problem("key " + args.get(1) + " adds an axis before the batch axis, which keras4j keeps first");
                    return List.of(t.unavailable());
                }
                added.add((long) out++);
                continue;
            }
            if (axis == 0 && !item.whole()) {
                config.problem("key " + args.get(1) + " indexes the batch axis, which keras4j takes whole");
                return List.of(t.unavailable());
            }
            if (item.index() && shape[axis] >= 0 && (item.start() < -shape[axis] || item.start() >= shape[axis])) {
                config.problem("index " + item.start() + " is out of range for axis " + axis + " of "
                        + GeneralConfig.shapeText(shape));
                return List.of(t.unavailable());
            }
            long start = item.start();
            long stop = item.stop();
            if (item.step() < 0 && start < -1 && (shape[axis] < 0 || start < -shape[axis])) {
                // numpy takes a start before the first entry as empty where ONNX Slice's clamp takes entry 0
                if (shape[axis] < 0) {
                    config.problem("slice start " + start + " with step " + item.step() + " on axis " + axis + " of "
                            + "unknown length is not supported (numpy gives nothing where the start lies before the "
                            + "first entry)");
                    return List.of(t.unavailable());
                }
                start = 0;
                stop = 0;
            }
            if (item.index()) {
                indexed.add(new long[] {axis, start});
            } else {
                if (!item.whole()) {
                    bounds.add(new float[] {start, stop, axis, item.step()});
                }
                out++;
            }
            axis++;
        }
        String v = x.value();
        if (!bounds.isEmpty()) {
            v = OperationArguments.slice(t, v, bounds);
        }
        for (int i = indexed.size() - 1; i >= 0; i--) { // the last axis first, so the others keep their numbers
            String index = GeneralConfig.constant(t, new float[] {indexed.get(i)[1]}, new int[0]);
            v = t.emit(new Gather(indexed.get(i)[0]), List.of(v, index)).get(0);
        }
        if (!added.isEmpty()) {
            v = t.emit(new Unsqueeze(added.stream().mapToLong(Long::longValue).toArray()), List.of(v)).get(0);
        }
        return List.of(new KTensor(v, null)); // x[:, ...] whole is x itself, without its mask
    }

    /** The key as one item per input axis and new axis, the ellipsis and the omitted trailing axes taken whole. */
    private static List<Item> items(LayerConfig config, JsonNode key, int rank) {
        List<JsonNode> entries = new ArrayList<>();
        if (key.isArray()) {
            key.forEach(entries::add);
        } else {
            entries.add(key);
        }
        long consumed = entries.stream().filter(e -> !e.isNull() && !isEllipsis(e)).count();
        long ellipses = entries.stream().filter(GetItemTranslator::isEllipsis).count();
        if (consumed > rank || ellipses > 1) {
            config.problem("key " + key + " indexes more axes than the input's " + rank + " or holds several ...");
            return null;
        }
        Item whole = new Item(false, false, 0, OperationArguments.END, 1, true);
        List<Item> items = new ArrayList<>();
        for (JsonNode e : entries) {
            if (isEllipsis(e)) {
                for (long i = consumed; i < rank; i++) {
                    items.add(whole);
                }
            } else if (e.isNull()) {
                items.add(new Item(false, true, 0, 0, 0, false));
            } else if (e.isIntegralNumber() && e.canConvertToInt()) {
                long i = e.asInt();
                items.add(new Item(true, false, i, i == -1 ? OperationArguments.END : i + 1, 1, false));
            } else if ("__slice__".equals(e.path("class_name").asText())) {
                Item s = slice(config, e.path("config"));
                if (s == null) {
                    return null;
                }
                items.add(s);
            } else {
                config.problem("key entry " + e + " is not supported (integers, slices of integers, None and ...)");
                return null;
            }
        }
        for (long i = items.stream().filter(it -> !it.added()).count(); i < rank; i++) {
            items.add(whole);
        }
        return items;
    }

    private static Item slice(LayerConfig config, JsonNode s) {
        Long start = bound(s.path("start"));
        Long stop = bound(s.path("stop"));
        Long step = bound(s.path("step"));
        if (start == null || stop == null || step == null || step == 0) {
            config.problem("slice " + s + " is not supported (integer or None bounds, a step other than 0)");
            return null;
        }
        boolean down = step != Long.MIN_VALUE && step < 0;
        long by = step == Long.MIN_VALUE ? 1 : step;
        boolean whole = start == Long.MIN_VALUE && stop == Long.MIN_VALUE && by == 1;
        long first = start != Long.MIN_VALUE ? start : down ? OperationArguments.END : 0;
        long last = stop != Long.MIN_VALUE ? stop : down ? -OperationArguments.END : OperationArguments.END;
        return new Item(false, false, first, last, by, whole);
    }

    /** A slice bound: Long.MIN_VALUE for None, clamped to ±END (beyond any axis, exact in float32); null if invalid. */
    private static Long bound(JsonNode v) {
        if (v.isMissingNode() || v.isNull()) {
            return Long.MIN_VALUE;
        }
        if (!v.isIntegralNumber()) {
            return null;
        }
        double d = v.asDouble();
        return (long) Math.max(-OperationArguments.END, Math.min(OperationArguments.END, d));
    }

    private static boolean isEllipsis(JsonNode e) {
        return "__ellipsis__".equals(e.path("class_name").asText());
    }
}
