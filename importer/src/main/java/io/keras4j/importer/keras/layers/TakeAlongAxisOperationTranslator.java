package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.GatherElements;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.take_along_axis(x, indices, axis)}: for each position, the entry of {@code axis} (not None, not
 * the batch axis) that {@code indices} names (negative ones count from the end). The indices are a tensor, or a numpy
 * array or constant tensor of x's rank whose first dimension is 1; the other axes broadcast, as numpy's.
 */
final class TakeAlongAxisOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        JsonNode args = t.positionalArguments();
        if (!args.isArray() || args.size() != 2 || !OperationArguments.isTensor(args.get(0))) {
            config.problem("expects a tensor and indices (a tensor, a numpy array or a constant tensor) as positional"
                    + " arguments");
            return List.of(t.unavailable());
        }
        KTensor x = t.inputs().get(0);
        int axis = OperationArguments.axis(config, t, x, "it takes from the flattened input, batch included");
        int rank = t.shape(x.value()).length;
        String indices;
        if (OperationArguments.isTensor(args.get(1))) {
            indices = t.inputs().get(t.inputs().size() - 1).value();
        } else {
            OperationArguments.Array a = OperationArguments.array(args.get(1), true);
            if (a == null || a.shape().length != rank || a.shape()[0] != 1) {
                config.problem("indices " + OperationArguments.quote(args.get(1)) + " are not supported (a tensor, or"
                        + " integers in a numpy array or constant tensor of the input's rank " + rank + " with a first"
                        + " dimension of 1)");
                return List.of(t.unavailable());
            }
            indices = axis < 0 ? null : GeneralConfig.constant(t, a.values(), a.shape());
        }
        if (axis < 0) {
            return List.of(t.unavailable());
        }
        if (t.shape(indices).length != rank) {
            config.problem("is given indices of rank " + t.shape(indices).length + " for an input of rank " + rank
                    + " (one rank, as numpy's take_along_axis)");
            return List.of(t.unavailable());
        }
        return List.of(new KTensor(t.emit(new GatherElements(axis, true), List.of(x.value(), indices)).get(0), null));
    }
}
