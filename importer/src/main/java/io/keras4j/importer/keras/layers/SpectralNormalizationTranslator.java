package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.importer.keras.LayerSpec;
import io.keras4j.importer.keras.Weight;
import java.util.List;

/**
 * Keras 3 SpectralNormalization: at inference the wrapped layer as it is (training normalizes its kernel in place, so the
 * file holds the normalized kernel), with the wrapped layer's weights; the power iteration's {@code vector_u} and
 * {@code power_iterations} take no part.
 * Drops the mask, as the wrapper does not support masking.
 */
final class SpectralNormalizationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        config.ignore("power_iterations");
        LayerSpec inner = GeneralConfig.wrapped(config);
        if (inner == null) {
            return List.of(t.unavailable());
        }
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        // a .keras archive keeps the wrapped layer's arrays under layer/ (the wrapper's own are the kernel again and
        // vector_u); an .h5 file names them, vector_u among them
        List<Weight> weights = t.weights().stream().filter(w -> w.path().contains("/layer/")).toList();
        if (weights.isEmpty()) {
            weights = t.weights().stream().filter(w -> !w.path().matches(".*vector_u(:0)?")).toList();
        }
        List<KTensor> out = t.translateInner(inner, List.of(new KTensor(x.value(), null)), List.of(), weights);
        return List.of(new KTensor(out.get(0).value(), null));
    }
}
