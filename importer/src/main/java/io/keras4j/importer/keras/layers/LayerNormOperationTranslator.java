package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.LayerNormalization;
import java.util.Arrays;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.layer_normalization(x, gamma, beta, axis, epsilon)} in Keras' float32 steps (those of the
 * LayerNormalization layer) over {@code axis} (an int or a list, not None nor the batch axis, of sizes known at import);
 * epsilon None is Keras' default, 1e-7. {@code gamma} and {@code beta} are None or constant arrays holding one value per
 * position of the normalized axes. The deprecated {@code rms_scaling} scales by the variance and, as in Keras, leaves
 * beta out.
 */
final class LayerNormOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        OperationArguments.Normalized n = OperationArguments.Normalized.of(config, t, 3, "a tensor, gamma and beta");
        boolean rms = config.bool(false, "rms_scaling");
        if (n == null) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(n.x().value());
        JsonNode raw = config.raw("axis");
        JsonNode named = raw != null && raw.isArray() && raw.size() == 1 ? raw.get(0) : raw;
        boolean lastNamed = named != null && named.isInt() && named.intValue() == shape.length - 1;
        float[] gamma = weights(config, t, 1, "gamma", shape, n, lastNamed);
        float[] beta = rms ? null : weights(config, t, 2, "beta", shape, n, lastNamed);
        if (config.hasProblems()) {
            return List.of(t.unavailable());
        }
        return GeneralConfig.dropMask(t, new LayerNormalization(shape.length, n.axes(), n.sizes(), n.epsilon(), gamma, beta,
                rms ? LayerNormalization.Form.KERAS_RMS_SCALING : LayerNormalization.Form.KERAS), n.x());
    }

    /**
     * Argument {@code gamma} or {@code beta} at {@code position} as the runtime op takes it (row-major over the normalized
     * axes), or null where it is None or after a problem. Keras reshapes it to the normalized axes unless it has x's rank
     * or the axis is the last one named as such ({@code lastNamed}: {@code axis=2} of a rank-3 x); then it broadcasts it
     * against x, where keras4j takes it when it varies along the normalized axes only.
     */
    private static float[] weights(LayerConfig config, Translation t, int position, String name, int[] shape,
            OperationArguments.Normalized n, boolean lastNamed) {
        JsonNode a = t.positionalArguments().get(position);
        if (a.isNull()) {
            return null;
        }
        OperationArguments.Array c = OperationArguments.isTensor(a) ? null : OperationArguments.array(a, false);
        boolean fits = c != null && c.values().length == Arrays.stream(n.sizes()).reduce(1, Math::multiplyExact);
        if (fits && (c.shape().length == shape.length || lastNamed)) {
            for (int i = 0; i < c.shape().length && fits; i++) {
                int axis = shape.length - c.shape().length + i;
                fits = axis >= 0 && c.shape()[i] == (Arrays.binarySearch(n.axes(), axis) >= 0 ? shape[axis] : 1);
            }
        }
        if (!fits) {
            config.problem("argument " + name + " " + (OperationArguments.isTensor(a) ? "(a tensor)"
                    : OperationArguments.quote(a)) + " is not supported (None, or a numpy array or constant tensor of "
                    + "one value per position of the normalized axes " + GeneralConfig.shapeText(n.sizes()) + ")");
            return null;
        }
        return c.values();
    }
}
