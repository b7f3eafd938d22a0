package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import java.util.List;
import java.util.function.Function;

/**
 * Keras 3 operations of one tensor computed per element ({@code keras.ops.tanh}, {@code keras.ops.relu},
 * {@code keras.ops.leaky_relu(x, negative_slope)}, {@code -x}, ...) or along the last axis ({@code keras.ops.glu},
 * {@code keras.ops.sparsemax}, whose option {@code axis} must name it): the function and its options from the config.
 */
final class ActivationOperationTranslator implements LayerTranslator {
    private final Function<LayerConfig, Activation> function;
    private final boolean lastAxis;

    ActivationOperationTranslator(Function<LayerConfig, Activation> function) {
        this(function, false);
    }

    private ActivationOperationTranslator(Function<LayerConfig, Activation> function, boolean lastAxis) {
        this.function = function;
        this.lastAxis = lastAxis;
    }

    /** An operation without options. */
    static ActivationOperationTranslator of(Activation activation) {
        return new ActivationOperationTranslator(config -> activation);
    }

    /** An operation along option {@code axis}, which must be the last axis. */
    static ActivationOperationTranslator alongLastAxis(Activation activation) {
        return new ActivationOperationTranslator(config -> activation, true);
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        if (lastAxis) {
            int rank = t.shape(x.value()).length;
            int axis = GeneralConfig.axis(config, "axis", (int) config.number(-1, "axis"), rank, false);
            if (axis < 0) {
                return List.of(t.unavailable());
            }
            if (axis != rank - 1) {
                config.problem("option axis=" + config.raw("axis") + " is not supported (the last axis only)");
                return List.of(t.unavailable());
            }
        }
        return GeneralConfig.dropMask(t, new ActivationOp(function.apply(config)), x);
    }
}
