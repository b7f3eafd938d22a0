package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.BatchNormalization;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.batch_normalization(x, mean, variance, axis, offset, scale, epsilon)} as the
 * BatchNormalization layer computes it at inference (the same TensorFlow function): {@code mean}, {@code variance} and
 * the optional {@code offset} and {@code scale} constant arrays of one value per position of {@code axis} (one int, not
 * the batch axis, its length known at import), as Keras requires them; {@code epsilon}.
 */
final class BatchNormOperationTranslator implements LayerTranslator {
    private static final String[] NAMES = {"mean", "variance", "offset", "scale"};

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        List<KTensor> in = OperationArguments.leading(config, t, 5, 1, "a tensor, mean, variance, offset and scale");
        double epsilon = config.number(1e-3, "epsilon");
        int axis = in == null ? -1 : OperationArguments.axis(config, t, in.get(0), "Keras takes one axis");
        if (axis < 0) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(in.get(0).value());
        float[][] values = new float[NAMES.length][];
        for (int i = 0; i < NAMES.length; i++) {
            JsonNode a = t.positionalArguments().get(i + 1);
            OperationArguments.Array c = OperationArguments.isTensor(a) || a.isNull() ? null
                    : OperationArguments.array(a, false);
            if (c != null && c.shape().length == 1 && c.shape()[0] == shape[axis]) {
                values[i] = c.values();
            } else if (!a.isNull() || i < 2) {
                config.problem("argument " + NAMES[i] + " " + (OperationArguments.isTensor(a) ? "(a tensor)"
                        : OperationArguments.quote(a)) + " is not supported (" + (i < 2 ? "" : "None or ") + "a numpy"
                        + " array or constant tensor of one value per position of axis " + axis + " of "
                        + GeneralConfig.shapeText(shape) + ")");
            }
        }
        if (config.hasProblems()) {
            return List.of(t.unavailable());
        }
        return GeneralConfig.dropMask(t, BatchNormalization.fromMoments(shape.length, axis, values[3], values[2],
                values[0], values[1], epsilon), in.get(0));
    }
}
