package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Padding;
import io.keras4j.runtime.ops.Pooling;
import java.util.List;

/**
 * Keras MaxPooling2D, AveragePooling2D, MaxPooling3D and AveragePooling3D: pool_size, strides (default pool_size),
 * padding valid/same, data_format (channels_first runs channels-last between two Transposes). Pooling does not support
 * masking: an incoming mask is dropped, as Keras does.
 */
final class PoolingTranslator implements LayerTranslator {
    private final boolean max;
    private final int rank;

    /** @param rank the number of spatial axes, 2 or 3 */
    PoolingTranslator(boolean max, int rank) {
        this.max = max;
        this.rank = rank;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int[] pool = GeneralConfig.sizes(config, "pool_size", rank, 2);
        boolean poolStrides = config.raw("strides") == null || config.raw("strides").isNull();
        int[] strides = poolStrides ? pool : GeneralConfig.sizes(config, "strides", rank, 1);
        Padding padding = Conv1DTranslator.padding(config, false);
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        KTensor x = GeneralConfig.single(config, t, rank + 2);
        if (x == null || pool == null || strides == null) {
            return List.of(t.unavailable());
        }
        return ConvTranslator.channelsLast(t, x, channelsFirst, rank, new Pooling(max, pool, strides, padding, null, false));
    }
}
