package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Pooling1D;
import java.util.List;

/**
 * Keras 3 AdaptiveMaxPooling1D and AdaptiveAveragePooling1D: {@code output_size} windows over the steps, placed as
 * Keras' TensorFlow backend places them (see {@link Pooling1D#adaptive}); {@code data_format}. Drops the mask, as Keras.
 */
final class AdaptivePooling1DTranslator implements LayerTranslator {
    private final boolean max;

    AdaptivePooling1DTranslator(boolean max) {
        this.max = max;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int outputSize = GeneralConfig.intOrTuple(config, -1, "output_size");
        if (config.raw("output_size") == null) {
            config.problem("option output_size is missing");
        }
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        KTensor x = GeneralConfig.single(config, t, 3);
        if (x == null || outputSize < 1) {
            return List.of(t.unavailable());
        }
        return GeneralConfig.dropMask(t, Pooling1D.adaptive(max, outputSize, channelsFirst), x);
    }
}
