package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.AdaptivePooling;
import io.keras4j.runtime.ops.Pooling1D;
import java.util.List;

/**
 * Keras 3 AdaptiveMaxPooling1D/2D/3D and AdaptiveAveragePooling1D/2D/3D: {@code output_size} (one size, or one per axis)
 * windows along each spatial axis, placed as Keras' TensorFlow backend places them (see {@link AdaptivePooling#start});
 * {@code data_format} (over two or three axes channels_first runs channels-last between two Transposes). Drops the mask,
 * as Keras.
 */
final class AdaptivePoolingTranslator implements LayerTranslator {
    private final boolean max;
    private final int rank;

    /** @param rank the number of spatial axes: 1 to 3 */
    AdaptivePoolingTranslator(boolean max, int rank) {
        this.max = max;
        this.rank = rank;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int[] outputSize = GeneralConfig.sizes(config, "output_size", rank, -1);
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        KTensor x = GeneralConfig.single(config, t, rank + 2);
        if (x == null || outputSize == null) {
            return List.of(t.unavailable());
        }
        if (rank == 1) {
            return GeneralConfig.dropMask(t, Pooling1D.adaptive(max, outputSize[0], channelsFirst), x);
        }
        return ConvTranslator.channelsLast(t, x, channelsFirst, rank, new AdaptivePooling(max, outputSize));
    }
}
