package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Clahe;
import java.util.List;

/**
 * Keras 3 ContrastLimitedAdaptiveHistogramEqualization, active at inference: the images mapped from {@code value_range}
 * (as given, not sorted, as Keras takes it) to [0, 255], equalized by the runtime op {@link Clahe} with
 * {@code tile_grid_size} and {@code clip_limit}, mapped back; channels_first between two transposes. Drops the mask, as
 * Keras (the layer does not support masking).
 */
final class ClaheTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        float[] range = ValueRange.read(config, false);
        double clipLimit = config.number(4.0, "clip_limit");
        int[] grid = GeneralConfig.sizes(config, "tile_grid_size", 2, 8);
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        KTensor x = GeneralConfig.single(config, t, 4);
        if (x == null || range == null || grid == null || config.hasProblems()) {
            return List.of(t.unavailable());
        }
        String images = ValueRange.rescale(t, GeneralConfig.moveChannels(t, x.value(), channelsFirst, 1, 2, true), range,
                ValueRange.PIXELS);
        String equalized = GeneralConfig.emit(t, new Clahe(grid[0], grid[1], clipLimit), images);
        return List.of(new KTensor(GeneralConfig.moveChannels(t, ValueRange.rescale(t, equalized, ValueRange.PIXELS, range),
                channelsFirst, 1, 2, false), null));
    }
}
