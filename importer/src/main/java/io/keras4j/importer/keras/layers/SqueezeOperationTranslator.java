package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Squeeze;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.squeeze(x, axis)}: {@code axis} an int or a list of axes of size 1, not the batch axis; None
 * (every axis of size 1, the batch axis of a one-sample call too) is refused.
 */
final class SqueezeOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        long[] axes = OperationArguments.axes(config, t, x, "it would squeeze the batch axis of a one-sample call");
        return axes == null ? List.of(t.unavailable()) : GeneralConfig.dropMask(t, new Squeeze(axes), x);
    }
}
