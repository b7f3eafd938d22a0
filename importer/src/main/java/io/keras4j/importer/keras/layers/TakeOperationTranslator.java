package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Gather;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.take(x, indices, axis)} with constant integer indices (a number, a nested list, a numpy
 * array or a constant tensor; negative ones count from the end): the entries of one axis, not the batch axis, at those
 * indices, the axis replaced by the indices' shape. Indices from a tensor would carry a batch axis into the middle of
 * the result, except on a constant {@code x} (a lookup table) along its first axis (or flattened, axis None): then the
 * result is the indices' shape, batch first, followed by x's other axes.
 */
final class TakeOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        JsonNode args = t.positionalArguments();
        if (args.isArray() && args.size() == 2 && !OperationArguments.isTensor(args.get(0))
                && OperationArguments.isTensor(args.get(1)) && t.inputs().size() == 1) {
            return lookup(config, t, args.get(0), t.inputs().get(0));
        }
        KTensor x = OperationArguments.first(config, t, 2, "a tensor and constant indices (not a tensor)");
        if (x == null) {
            return List.of(t.unavailable());
        }
        int axis = OperationArguments.axis(config, t, x, "it takes from the flattened input, batch included");
        OperationArguments.Array indices = OperationArguments.array(args.get(1), true);
        if (indices == null) {
            config.problem("indices " + OperationArguments.quote(args.get(1)) + " are not supported (integers: a"
                    + " number, a nested list, or a numpy array or constant tensor of an integer dtype)");
            return List.of(t.unavailable());
        }
        if (axis < 0) {
            return List.of(t.unavailable());
        }
        String idx = GeneralConfig.constant(t, indices.values(), indices.shape());
        return List.of(new KTensor(t.emit(new Gather(axis), List.of(x.value(), idx)).get(0), null));
    }

    /** The rows of constant {@code table} (flattened where axis is None) at the values of tensor {@code indices}. */
    private static List<KTensor> lookup(LayerConfig config, Translation t, JsonNode table, KTensor indices) {
        OperationArguments.Array rows = OperationArguments.array(table, false);
        JsonNode axis = config.raw("axis");
        boolean flat = axis == null || axis.isNull();
        if (rows == null || rows.shape().length == 0) {
            config.problem("x " + OperationArguments.quote(table) + " is not supported (with indices from a tensor: a"
                    + " numpy array, constant tensor or nested list of numbers, of rank 1 or more)");
            return List.of(t.unavailable());
        }
        if (!flat && !(axis.isInt() && (axis.intValue() == 0 || axis.intValue() == -rows.shape().length))) {
            config.problem("option axis=" + axis + " is not supported with a constant x and indices from a tensor (0 or"
                    + " None: the indices' batch axis stays first)");
            return List.of(t.unavailable());
        }
        String data = GeneralConfig.constant(t, rows.values(), flat ? new int[] {rows.values().length} : rows.shape());
        return List.of(new KTensor(t.emit(new Gather(0), List.of(data, indices.value())).get(0), null));
    }
}
