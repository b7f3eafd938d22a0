package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import java.util.List;

/**
 * Keras CategoryEncoding (preprocessing): {@code num_tokens} and {@code output_mode} one_hot, multi_hot or count over
 * integer indices {@code (batch, n)} (see {@link CategoricalEncoding}); not {@code sparse}; a call with count_weights (a
 * second input) is refused.
 * Drops the mask.
 */
final class CategoryEncodingTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int tokens = config.positiveInt("num_tokens");
        String mode = config.string("multi_hot", "output_mode");
        if (!CategoricalEncoding.encodes(mode)) {
            config.problem("option output_mode='" + mode + "' is not supported (one_hot, multi_hot or count)");
        }
        config.require("sparse", false, "a sparse output");
        KTensor x = GeneralConfig.single(config, t);
        if (x == null || tokens <= 0 || !CategoricalEncoding.encodes(mode)) {
            return List.of(t.unavailable());
        }
        return List.of(CategoricalEncoding.emit(config, t, x.value(), tokens, mode));
    }
}
