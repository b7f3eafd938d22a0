package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Repeat;
import java.util.List;

/** Keras UpSampling1D(size) (Keras 1: length) on a rank-3 input: every step repeated size times; drops the mask. */
final class UpSampling1DTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int size = GeneralConfig.intOrTuple(config, 2, "size", "length");
        KTensor x = GeneralConfig.single(config, t, 3);
        if (x == null) {
            return List.of(t.unavailable());
        }
        return GeneralConfig.dropMask(t, new Repeat(1, size), x);
    }
}
