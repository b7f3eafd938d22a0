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
 * the result.
 */
final class TakeOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.first(config, t, 2, "a tensor and constant indices (not a tensor)");
        if (x == null) {
            return List.of(t.unavailable());
        }
        JsonNode args = t.positionalArguments();
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
}
