package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Repeat;
import java.util.List;
import java.util.Locale;

/**
 * Keras UpSampling2D(size) with interpolation nearest on a rank-4 input: every row repeated size[0] times and every
 * column size[1] times (axes 2 and 3 with data_format channels_first); drops the mask. Other interpolations are refused.
 */
final class UpSampling2DTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int[] size = GeneralConfig.sizes(config, "size", 2, 2);
        int first = GeneralConfig.channelsFirst(config) ? 2 : 1;
        String interpolation = config.string("nearest", "interpolation").toLowerCase(Locale.ROOT);
        if (!interpolation.equals("nearest")) {
            config.problem("option interpolation='" + interpolation + "' is not supported (only nearest)");
        }
        KTensor x = GeneralConfig.single(config, t, 4);
        if (x == null || size == null || !interpolation.equals("nearest")) {
            return List.of(t.unavailable());
        }
        String rows = t.emit(new Repeat(first, size[0]), List.of(x.value())).get(0);
        return List.of(new KTensor(t.emit(new Repeat(first + 1, size[1]), List.of(rows)).get(0), null));
    }
}
