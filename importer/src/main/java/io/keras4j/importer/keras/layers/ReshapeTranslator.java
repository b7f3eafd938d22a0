package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Reshape;
import java.util.Arrays;
import java.util.List;

/** Keras Reshape: target_shape (after the batch axis) with at most one -1. Reshape drops the mask. */
final class ReshapeTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int[] target = GeneralConfig.intList(config, false, "target_shape");
        KTensor x = GeneralConfig.single(config, t);
        if (target == null || x == null) {
            return List.of(t.unavailable());
        }
        long free = Arrays.stream(target).filter(d -> d == -1).count();
        if (free > 1 || Arrays.stream(target).anyMatch(d -> d <= 0 && d != -1)) {
            config.problem("option target_shape=" + Arrays.toString(target) + " must hold positive sizes and at most one -1");
            return List.of(t.unavailable());
        }
        return GeneralConfig.dropMask(t, new Reshape("Reshape", target), x);
    }
}
