package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import java.util.List;

/**
 * Layers that only act in training (Dropout, GaussianNoise, ActivityRegularization and friends): at
 * inference their output is their input, mask included, so they emit no node.
 */
final class IdentityTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        config.ignore("rate", "p", "stddev", "seed", "noise_shape", "l1", "l2");
        if (config.raw("data_format") != null) { // SpatialDropout2D/3D: which axis holds the channels it drops in training
            GeneralConfig.channelsFirst(config);
        }
        if (t.inputs().size() != 1) {
            config.problem("expects 1 input, got " + t.inputs().size());
        }
        return List.of(t.inputs().get(0));
    }
}
