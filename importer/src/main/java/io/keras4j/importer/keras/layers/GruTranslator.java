package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.Activations;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.importer.keras.Weight;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Gru;
import io.keras4j.runtime.ops.RecurrentOptions;
import java.util.Arrays;
import java.util.List;

/**
 * Keras GRU. Which of the two GRUs a file holds is read from its bias shape, as tf.keras does:
 * (2, 3u) is reset_after=True, (3u,) is reset_after=False; the config's {@code reset_after} must agree.
 */
final class GruTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int units = config.positiveInt("units", "output_dim");
        Activation activation = Activations.read(config, t.version(), "tanh", "activation");
        Activation recurrent = Activations.read(config, t.version(),
                RecurrentConfig.defaultRecurrentActivation(t.version()), "recurrent_activation", "inner_activation");
        boolean useBias = config.bool(true, "use_bias");
        boolean resetAfter = config.bool(t.version().major() >= 3, "reset_after");
        RecurrentOptions options = RecurrentConfig.options(config, t);
        KTensor x = t.inputs().get(0);
        int in = RecurrentConfig.inputSize(config, t, x);
        List<Weight> w = t.weights();
        if (in <= 0 || !LayerWeights.count(config, w, useBias ? 3 : 2,
                useBias ? "kernel, recurrent_kernel, bias" : "kernel, recurrent_kernel")) {
            return RecurrentConfig.unavailable(t, options, 1);
        }
        float[] kernel = LayerWeights.take(config, w, 0, "kernel", in, 3L * units);
        float[] recurrentKernel = LayerWeights.take(config, w, 1, "recurrent_kernel", units, 3L * units);
        float[] inputBias = null;
        float[] recurrentBias = null;
        if (useBias) {
            Weight bias = w.get(2);
            boolean twoBiases = bias.hasShape(2, 3L * units);
            if (twoBiases != resetAfter && (twoBiases || bias.hasShape(3L * units))) {
                config.problem("option reset_after=" + resetAfter + " disagrees with bias '" + bias.path() + "' of shape "
                        + bias.shapeText());
            } else if (resetAfter) {
                float[] b = LayerWeights.take(config, w, 2, "bias", 2, 3L * units);
                if (b != null) {
                    inputBias = Arrays.copyOfRange(b, 0, 3 * units);
                    recurrentBias = Arrays.copyOfRange(b, 3 * units, 6 * units);
                }
            } else {
                inputBias = LayerWeights.take(config, w, 2, "bias", 3L * units);
            }
            if (inputBias == null) {
                return RecurrentConfig.unavailable(t, options, 1);
            }
        }
        if (kernel == null || recurrentKernel == null) {
            return RecurrentConfig.unavailable(t, options, 1);
        }
        Gru op = new Gru(in, units, kernel, recurrentKernel, inputBias, recurrentBias, resetAfter, activation, recurrent, options);
        return RecurrentConfig.emit(t, op, x, 1);
    }
}
