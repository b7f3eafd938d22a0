package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Pooling1D;
import java.util.List;
import java.util.Locale;

/**
 * Keras MaxPooling1D and AveragePooling1D (Keras 1 names pool_length, stride, border_mode): pool_size,
 * strides (default pool_size), padding valid/same, data_format. Pooling does not support masking: an
 * incoming mask is dropped, as Keras does.
 */
final class Pooling1DTranslator implements LayerTranslator {
    private final boolean max;

    Pooling1DTranslator(boolean max) {
        this.max = max;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int pool = GeneralConfig.intOrTuple(config, 2, "pool_size", "pool_length");
        int stride = GeneralConfig.intOrTuple(config, pool, "strides", "stride");
        String padding = config.string("valid", "padding", "border_mode").toLowerCase(Locale.ROOT);
        if (!padding.equals("valid") && !padding.equals("same")) {
            config.problem("option padding='" + padding + "' is not supported (valid or same)");
        }
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        return GeneralConfig.dropMask(t, new Pooling1D(max, pool, stride, padding.equals("same"), channelsFirst), x);
    }
}
