package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.GlobalPooling1D;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras GlobalMaxPooling1D and GlobalAveragePooling1D: data_format, keepdims. The average uses the
 * incoming mask (mean over valid steps); the max ignores it (GlobalMaxPooling1D does not support masking
 * in Keras 3). Neither output has a mask.
 */
final class GlobalPooling1DTranslator implements LayerTranslator {
    private final boolean max;

    GlobalPooling1DTranslator(boolean max) {
        this.max = max;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        boolean keepDims = config.bool(false, "keepdims");
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        boolean masked = !max && x.mask() != null && t.maskPassed();
        List<String> ins = new ArrayList<>();
        ins.add(x.value());
        if (masked) {
            ins.add(x.mask());
        }
        return List.of(new KTensor(t.emit(new GlobalPooling1D(max, keepDims, channelsFirst, masked), ins).get(0), null));
    }
}
