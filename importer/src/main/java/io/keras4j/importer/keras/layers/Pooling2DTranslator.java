package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Conv1D;
import io.keras4j.runtime.ops.Pooling2D;
import java.util.List;

/**
 * Keras MaxPooling2D and AveragePooling2D: pool_size, strides (default pool_size), padding valid/same, data_format
 * (channels_first runs channels-last between two Transposes). Pooling does not support masking: an incoming mask is
 * dropped, as Keras does.
 */
final class Pooling2DTranslator implements LayerTranslator {
    private final boolean max;

    Pooling2DTranslator(boolean max) {
        this.max = max;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int[] pool = GeneralConfig.sizes(config, "pool_size", 2, 2);
        int[] strides = pool == null ? null : config.raw("strides") == null || config.raw("strides").isNull() ? pool
                : GeneralConfig.sizes(config, "strides", 2, 1);
        Conv1D.Padding padding = Conv1DTranslator.padding(config, false);
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        KTensor x = GeneralConfig.single(config, t, 4);
        if (x == null || strides == null) {
            return List.of(t.unavailable());
        }
        return ConvTranslator.channelsLast(t, x, channelsFirst, 2, new Pooling2D(max, pool, strides, padding, null, false));
    }
}
