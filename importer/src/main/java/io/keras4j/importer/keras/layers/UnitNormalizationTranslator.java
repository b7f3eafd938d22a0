package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.UnitNormalization;
import java.util.List;

/**
 * Keras UnitNormalization(axis): each group over the axes (int or list, not the batch axis) scaled to unit L2 norm, the
 * scale capped as the file's Keras caps it (Keras 3: 1e12; tf.keras: 1e6); passes the mask.
 */
final class UnitNormalizationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        int rank = t.shape(x.value()).length;
        int[] axes = GeneralConfig.axes(config, rank, false);
        if (axes == null) {
            return List.of(t.unavailable());
        }
        double cap = t.version().major() >= 3 ? 1e12 : 1e6;
        return GeneralConfig.passMask(t, new UnitNormalization(rank, axes, cap), x);
    }
}
