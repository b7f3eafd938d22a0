package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.Activations;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Lstm;
import io.keras4j.runtime.ops.RecurrentOptions;
import java.util.List;

/**
 * Keras LSTM, any version's option names (Keras 1: output_dim, inner_activation, ...) and any writer's weights:
 * Keras 2/3, Keras 1's twelve per-gate arrays, or a cuDNN layer's (bias of 8·units), re-laid as Keras 2 does.
 */
final class LstmTranslator implements LayerTranslator {
    /** Saved position of each Keras gate i, f, c, o in Keras 1's per-gate arrays, which are saved as i, c, f, o. */
    private static final int[] KERAS1_ORDER = {0, 2, 1, 3};

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int units = config.positiveInt("units", "output_dim");
        Activation activation = Activations.read(config, t.version(), "tanh", "activation");
        Activation recurrent = RecurrentConfig.recurrentActivation(config, t);
        boolean useBias = config.bool(true, "use_bias");
        config.ignore("unit_forget_bias", "forget_bias_init");
        return emit(config, t, units, activation, recurrent, useBias);
    }

    /** Emits an LSTM op for this call with the layer's stored weights, in whichever form they were stored. */
    static List<KTensor> emit(LayerConfig config, Translation t, int units, Activation activation, Activation recurrent,
                              boolean useBias) {
        RecurrentOptions options = RecurrentConfig.options(config, t);
        KTensor x = t.inputs().get(0);
        int in = RecurrentConfig.inputSize(config, t, x);
        RecurrentWeights.Fused w = in <= 0 ? null
                : RecurrentWeights.read(config, t.weights(), in, units, useBias, KERAS1_ORDER);
        if (w == null) {
            return RecurrentConfig.unavailable(t, options, 2);
        }
        float[] bias = null;
        if (w.cudnn()) {
            bias = RecurrentWeights.foldCudnnBias(w.bias().values());
        } else if (useBias) {
            bias = LayerWeights.take(config, List.of(w.bias()), 0, "bias", 4L * units);
            if (bias == null) {
                return RecurrentConfig.unavailable(t, options, 2);
            }
        }
        Lstm op = new Lstm(in, units, w.kernel(), w.recurrentKernel(), bias, activation, recurrent, options);
        return RecurrentConfig.emit(t, op, x, 2);
    }
}
