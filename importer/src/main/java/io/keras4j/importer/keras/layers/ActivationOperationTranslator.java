package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import java.util.List;
import java.util.function.Function;

/**
 * Keras 3 operations of one tensor computed per element ({@code keras.ops.tanh}, {@code keras.ops.relu},
 * {@code keras.ops.leaky_relu(x, negative_slope)}, {@code -x}, ...): the function and its options from the config.
 */
final class ActivationOperationTranslator implements LayerTranslator {
    private final Function<LayerConfig, Activation> function;

    ActivationOperationTranslator(Function<LayerConfig, Activation> function) {
        this.function = function;
    }

    /** An operation without options. */
    static ActivationOperationTranslator of(Activation activation) {
        return new ActivationOperationTranslator(config -> activation);
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        return GeneralConfig.dropMask(t, new ActivationOp(function.apply(config)), x);
    }
}
