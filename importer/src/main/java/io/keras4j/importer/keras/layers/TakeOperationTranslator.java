package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Gather;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.take(x, indices, axis)} with constant integer indices (a number, a nested list or a numpy
 * array; negative ones count from the end): the entries of one axis, not the batch axis, at those indices, the axis
 * replaced by the indices' shape. Indices from a tensor would carry a batch axis into the middle of the result.
 */
final class TakeOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        JsonNode args = t.positionalArguments();
        if (!args.isArray() || args.size() != 2 || !OperationArguments.isTensor(args.get(0)) || t.inputs().size() != 1) {
            config.problem("expects a tensor and constant indices as positional arguments (indices from a tensor are not"
                    + " supported)");
            return List.of(t.unavailable());
        }
        KTensor x = t.inputs().get(0);
        int axis = OperationArguments.axis(config, t, x, "it takes from the flattened input, batch included");
        JsonNode indices = args.get(1);
        if ("__numpy__".equals(indices.path("class_name").asText())) {
            indices = indices.path("config").path("value");
        }
        List<Integer> shape = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        if (!flatten(indices, 0, shape, values)) {
            config.problem("indices " + args.get(1) + " are not supported (integers: a number or a nested list)");
            return List.of(t.unavailable());
        }
        if (axis < 0) {
            return List.of(t.unavailable());
        }
        float[] flat = new float[values.size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = values.get(i);
        }
        String idx = GeneralConfig.constant(t, flat, shape.stream().mapToInt(Integer::intValue).toArray());
        return List.of(new KTensor(t.emit(new Gather(axis), List.of(x.value(), idx)).get(0), null));
    }

    /** Appends the integers of a nested list in order and its shape; false if it is ragged or holds something else. */
    private static boolean flatten(JsonNode v, int depth, List<Integer> shape, List<Float> out) {
        if (v.isIntegralNumber()) {
            long i = v.asLong();
            out.add((float) i);
            return depth == shape.size() && Math.abs(i) <= OperationArguments.END;
        }
        if (!v.isArray() || depth > 8) {
            return false;
        }
        if (depth == shape.size()) {
            shape.add(v.size());
        } else if (shape.get(depth) != v.size()) {
            return false;
        }
        for (JsonNode e : v) {
            if (!flatten(e, depth + 1, shape, out)) {
                return false;
            }
        }
        return true;
    }
}
