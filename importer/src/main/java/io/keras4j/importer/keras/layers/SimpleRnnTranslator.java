package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.Activations;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.RecurrentOptions;
import io.keras4j.runtime.ops.SimpleRnn;
import java.util.List;

/** Keras SimpleRNN. */
final class SimpleRnnTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int units = config.positiveInt("units", "output_dim");
        Activation activation = Activations.read(config, t.version(), "tanh", "activation");
        boolean useBias = config.bool(true, "use_bias");
        RecurrentOptions options = RecurrentConfig.options(config, t);
        KTensor x = t.inputs().get(0);
        int in = RecurrentConfig.inputSize(config, t, x);
        if (in <= 0 || !LayerWeights.count(config, t.weights(), useBias ? 3 : 2,
                useBias ? "kernel, recurrent_kernel, bias" : "kernel, recurrent_kernel")) {
            return RecurrentConfig.unavailable(t, options, 1);
        }
        float[] kernel = LayerWeights.take(config, t.weights(), 0, "kernel", in, units);
        float[] recurrentKernel = LayerWeights.take(config, t.weights(), 1, "recurrent_kernel", units, units);
        float[] bias = useBias ? LayerWeights.take(config, t.weights(), 2, "bias", units) : null;
        if (kernel == null || recurrentKernel == null || useBias && bias == null) {
            return RecurrentConfig.unavailable(t, options, 1);
        }
        SimpleRnn op = new SimpleRnn(in, units, kernel, recurrentKernel, bias, activation, options);
        return RecurrentConfig.emit(t, op, x, 1);
    }
}
