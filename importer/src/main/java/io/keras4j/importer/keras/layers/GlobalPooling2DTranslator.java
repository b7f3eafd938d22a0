package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.List;

/**
 * Keras GlobalMaxPooling2D and GlobalAveragePooling2D: the maximum or mean of each channel over rows and columns;
 * data_format, keepdims. They do not support masking: an incoming mask is dropped, as Keras does.
 */
final class GlobalPooling2DTranslator implements LayerTranslator {
    private final boolean max;

    GlobalPooling2DTranslator(boolean max) {
        this.max = max;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        boolean keepDims = config.bool(false, "keepdims");
        KTensor x = GeneralConfig.single(config, t, 4);
        if (x == null) {
            return List.of(t.unavailable());
        }
        long[] axes = channelsFirst ? new long[] {2, 3} : new long[] {1, 2};
        return GeneralConfig.dropMask(t, new Reduce(max ? Reduce.Kind.MAX : Reduce.Kind.MEAN, axes, keepDims), x);
    }
}
