package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.LayerNormalization;
import java.util.Arrays;
import java.util.List;

/**
 * Keras 3 RMSNormalization: {@code x·rsqrt(mean(x²) + epsilon)·scale} over {@code axis}, an int or a list naming the last
 * axes (Keras multiplies by the scale broadcast against the last axes, so other axes would scale the wrong ones);
 * {@code epsilon}. Drops the mask, as the layer does not support masking.
 */
final class RmsNormalizationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int[] rawAxes = GeneralConfig.intList(config, true, "axis");
        double epsilon = config.number(1e-6, "epsilon");
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        int rank = shape.length;
        int[] raw = GeneralConfig.sorted(rawAxes == null ? new int[] {-1} : rawAxes);
        int[] axes = new int[raw.length];
        long[] weightShape = new long[raw.length];
        for (int i = 0; i < raw.length; i++) {
            axes[i] = GeneralConfig.axis(config, "axis", raw[i], rank, false);
            if (axes[i] < 0) {
                return List.of(t.unavailable());
            }
            if (axes[i] != rank - raw.length + i) {
                config.problem("option axis=" + Arrays.toString(rawAxes) + " is not supported for an input of rank " + rank
                        + " (the last axes, in order: Keras multiplies by a scale shaped by the axes against the last"
                        + " ones)");
                return List.of(t.unavailable());
            }
            if (shape[axes[i]] <= 0) {
                config.problem("input shape " + GeneralConfig.shapeText(shape) + " has no known size on axis " + axes[i]);
                return List.of(t.unavailable());
            }
            weightShape[i] = shape[axes[i]];
        }
        if (!LayerWeights.count(config, t.weights(), 1, "scale")) {
            return List.of(t.unavailable());
        }
        float[] scale = LayerWeights.take(config, t.weights(), 0, "scale", weightShape);
        if (scale == null) {
            return List.of(t.unavailable());
        }
        int[] sizes = Arrays.stream(weightShape).mapToInt(d -> (int) d).toArray();
        return GeneralConfig.dropMask(t, new LayerNormalization(rank, axes, sizes, epsilon, scale, null,
                LayerNormalization.Form.RMS), x);
    }
}
