package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.RepeatVector;
import java.util.List;

/** Keras RepeatVector(n): {@code [batch, features] -> [batch, n, features]}; drops the mask. */
final class RepeatVectorTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int n = config.positiveInt("n");
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        return GeneralConfig.dropMask(t, new RepeatVector(n), x);
    }
}
