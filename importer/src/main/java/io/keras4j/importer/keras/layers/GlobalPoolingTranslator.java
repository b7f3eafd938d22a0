package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.List;

/**
 * Keras GlobalMaxPooling2D, GlobalAveragePooling2D, GlobalMaxPooling3D and GlobalAveragePooling3D: the maximum or mean of
 * each channel over the spatial axes;
 * data_format, keepdims. They do not support masking: an incoming mask is dropped, as Keras does.
 */
final class GlobalPoolingTranslator implements LayerTranslator {
    private final boolean max;
    private final int rank;

    /** @param rank the number of spatial axes: 2 or 3 */
    GlobalPoolingTranslator(boolean max, int rank) {
        this.max = max;
        this.rank = rank;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        boolean keepDims = config.bool(false, "keepdims");
        KTensor x = GeneralConfig.single(config, t, rank + 2);
        if (x == null) {
            return List.of(t.unavailable());
        }
        long[] axes = java.util.stream.LongStream.range(channelsFirst ? 2 : 1, (channelsFirst ? 2 : 1) + rank).toArray();
        return GeneralConfig.dropMask(t, new Reduce(max ? Reduce.Kind.MAX : Reduce.Kind.MEAN, axes, keepDims), x);
    }
}
