package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import java.util.List;

/**
 * Keras 2 / tf.keras CuDNNGRU: a GRU with tanh and sigmoid that resets after the recurrent product, its weights laid
 * out by cuDNN (per-gate kernel blocks stored transposed, bias of 6·units). Becomes the GRU op with reset_after.
 */
final class CuDnnGruTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int units = config.positiveInt("units");
        RecurrentConfig.requireNoMask(config, t);
        return GruTranslator.emit(config, t, units, Activation.of(Activation.Kind.TANH),
                Activation.of(Activation.Kind.SIGMOID), true, true);
    }
}
