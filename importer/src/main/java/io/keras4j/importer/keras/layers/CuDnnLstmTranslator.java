package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import java.util.List;

/**
 * Keras 2 / tf.keras CuDNNLSTM: an LSTM with tanh and sigmoid whose weights cuDNN laid out (per-gate kernel blocks
 * stored transposed, bias of 8·units: input then recurrent biases). Becomes the standard LSTM op.
 */
final class CuDnnLstmTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int units = config.positiveInt("units");
        config.ignore("unit_forget_bias");
        RecurrentConfig.requireNoMask(config, t);
        return LstmTranslator.emit(config, t, units, Activation.of(Activation.Kind.TANH),
                Activation.of(Activation.Kind.SIGMOID), true);
    }
}
