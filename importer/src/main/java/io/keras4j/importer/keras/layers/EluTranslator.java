package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Elu;
import java.util.List;

/** Keras ELU layer: alpha, default 1.0. Passes the mask through. */
final class EluTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        double alpha = config.number(1.0, "alpha");
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        return GeneralConfig.passMask(t, new Elu(alpha), x);
    }
}
