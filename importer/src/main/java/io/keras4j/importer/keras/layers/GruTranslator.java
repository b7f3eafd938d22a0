package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Keras GRU, any version's option names and any writer's weights (Keras 2/3, Keras 1's nine per-gate arrays, a
 * cuDNN layer's). Which GRU a file holds is read from its bias shape, as tf.keras does: (2, 3u) is reset_after=True,
 * (3u,) reset_after=False, a cuDNN bias (6u,) reset_after=True. A {@code reset_after} option must agree; when it is
 * absent the bias decides, and without bias it defaults to False before Keras 3, True from Keras 3.
 */
final class GruTranslator implements LayerTranslator {
    /** Keras 1 saves its per-gate arrays in Keras gate order z, r, h. */
    private static final int[] KERAS1_ORDER = {0, 1, 2};

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int units = config.positiveInt("units", "output_dim");
        Activation activation = Activations.read(config, t.version(), "tanh", "activation");
        Activation recurrent = RecurrentConfig.recurrentActivation(config, t);
        boolean useBias = config.bool(true, "use_bias");
        JsonNode resetAfter = config.raw("reset_after");
        Boolean declared = resetAfter == null || resetAfter.isNull() ? null : config.bool(false, "reset_after");
        return emit(config, t, units, activation, recurrent, useBias, declared);
    }

    /**
     * Emits a GRU op for this call with the layer's stored weights, in whichever form they were stored.
     *
     * @param declaredResetAfter the layer's reset_after, or null when its config does not say
     */
    static List<KTensor> emit(LayerConfig config, Translation t, int units, Activation activation, Activation recurrent,
                              boolean useBias, Boolean declaredResetAfter) {
        RecurrentOptions options = RecurrentConfig.options(config, t);
        KTensor x = t.inputs().get(0);
        int in = RecurrentConfig.inputSize(config, t, x);
        RecurrentWeights.Fused w = in <= 0 ? null
                : RecurrentWeights.read(config, t.weights(), in, units, useBias, KERAS1_ORDER);
        if (w == null) {
            return RecurrentConfig.unavailable(t, options, 1);
        }
        boolean resetAfter;
        float[] inputBias = null;
        float[] recurrentBias = null;
        if (!useBias) {
            resetAfter = declaredResetAfter != null ? declaredResetAfter : t.version().major() >= 3;
        } else {
            Weight bias = w.bias();
            resetAfter = w.cudnn() || bias.hasShape(2, 3L * units);
            if (!resetAfter && !bias.hasShape(3L * units)) {
                config.problem("bias '" + bias.path() + "' has shape " + bias.shapeText() + " but the config implies (2, "
                        + 3 * units + ") with reset_after, (" + 3 * units + ") without, or (" + 6 * units + ") from cuDNN");
                return RecurrentConfig.unavailable(t, options, 1);
            }
            if (declaredResetAfter != null && declaredResetAfter != resetAfter) {
                config.problem("option reset_after=" + declaredResetAfter + " disagrees with bias '" + bias.path()
                        + "' of shape " + bias.shapeText() + (w.cudnn() ? " (a cuDNN GRU, which resets after the"
                        + " recurrent product; Keras cannot convert it to reset_after=False either)" : ""));
                return RecurrentConfig.unavailable(t, options, 1);
            }
            float[] b = bias.values();
            inputBias = resetAfter ? Arrays.copyOfRange(b, 0, 3 * units) : b;
            recurrentBias = resetAfter ? Arrays.copyOfRange(b, 3 * units, 6 * units) : null;
        }
        Gru op = new Gru(in, units, w.kernel(), w.recurrentKernel(), inputBias, recurrentBias, resetAfter, activation,
                recurrent, options);
        return RecurrentConfig.emit(t, op, x, 1);
    }
}
