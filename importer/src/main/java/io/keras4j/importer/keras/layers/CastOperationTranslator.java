package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.cast(x, dtype)} to float32 or float64, which keras4j computes as float32: the values unchanged
 * (a comparison's true and false become 1 and 0, as in Keras). Other dtypes are refused.
 */
final class CastOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        String dtype = config.string("", "dtype");
        if (!LayerConfig.FLOAT_DTYPES.contains(dtype)) {
            config.problem("option dtype=" + dtype + " is not supported (float32 or float64)");
            return List.of(t.unavailable());
        }
        return x == null ? List.of(t.unavailable()) : List.of(new KTensor(x.value(), null));
    }
}
