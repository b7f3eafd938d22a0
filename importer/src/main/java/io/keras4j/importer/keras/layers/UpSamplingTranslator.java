package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Repeat;
import java.util.List;
import java.util.Locale;

/**
 * Keras UpSampling2D(size) with interpolation nearest and UpSampling3D(size), on an input of 2 or 3 spatial axes: every
 * position repeated size[axis] times along each spatial axis (after the channels with data_format channels_first); drops
 * the mask. Other interpolations are refused.
 */
final class UpSamplingTranslator implements LayerTranslator {
    private final int rank;

    /** @param rank the number of spatial axes: 2 or 3 */
    UpSamplingTranslator(int rank) {
        this.rank = rank;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int[] size = GeneralConfig.sizes(config, "size", rank, 2);
        int first = GeneralConfig.channelsFirst(config) ? 2 : 1;
        String interpolation = rank == 3 ? "nearest" : config.string("nearest", "interpolation").toLowerCase(Locale.ROOT);
        if (!interpolation.equals("nearest")) {
            config.problem("option interpolation='" + interpolation + "' is not supported (only nearest)");
        }
        KTensor x = GeneralConfig.single(config, t, rank + 2);
        if (x == null || size == null || !interpolation.equals("nearest")) {
            return List.of(t.unavailable());
        }
        String v = x.value();
        for (int axis = 0; axis < rank; axis++) {
            v = t.emit(new Repeat(first + axis, size[axis]), List.of(v)).get(0);
        }
        return List.of(new KTensor(v, null));
    }
}
