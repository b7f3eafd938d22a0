package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Relu;
import java.util.List;

/** Keras LeakyReLU: negative_slope (Keras 1/2: alpha), default 0.3. Passes the mask through. */
final class LeakyReluTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        double slope = config.number(0.3, "negative_slope", "alpha");
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        return GeneralConfig.passMask(t, new Relu("LeakyReLU", slope, Double.NaN, 0.0), x);
    }
}
