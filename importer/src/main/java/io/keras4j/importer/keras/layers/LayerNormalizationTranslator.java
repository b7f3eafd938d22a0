package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.LayerNormalization;
import java.util.Arrays;
import java.util.List;

/**
 * Keras LayerNormalization: axis (one or several), epsilon, center, scale, and Keras 3's deprecated
 * rms_scaling (which scales by the variance and has no beta). Passes the mask through.
 */
final class LayerNormalizationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int[] rawAxes = GeneralConfig.intList(config, true, "axis");
        double epsilon = config.number(1e-3, "epsilon");
        boolean center = config.bool(true, "center");
        boolean scale = config.bool(true, "scale");
        boolean rms = config.bool(false, "rms_scaling");
        GeneralConfig.ignoreGammaBetaTraining(config);
        if (rawAxes != null && rawAxes.length == 0) {
            config.problem("option axis=[] is not supported (it names no axis: Keras then gives beta everywhere)");
            return List.of(t.unavailable());
        }
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        int rank = shape.length;
        int[] raw = GeneralConfig.sorted(rawAxes == null ? new int[] {-1} : rawAxes);
        int[] axes = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            axes[i] = GeneralConfig.axis(config, "axis", raw[i], rank, false);
            if (axes[i] < 0) {
                return List.of(t.unavailable());
            }
        }
        int[] normalized = GeneralConfig.sorted(axes);
        for (int i = 1; i < normalized.length; i++) {
            if (normalized[i] == normalized[i - 1]) {
                config.problem("option axis=" + Arrays.toString(rawAxes) + " names an axis twice");
                return List.of(t.unavailable());
            }
        }
        // Keras shapes gamma/beta by the axes in their sorted raw order (negative ones first), then reshapes
        // them to the input's axis order: the flat values are read row-major in the normalized order.
        long[] weightShape = new long[raw.length];
        int[] sizes = new int[normalized.length];
        for (int i = 0; i < raw.length; i++) {
            weightShape[i] = shape[axes[i]];
            sizes[i] = shape[normalized[i]];
            if (shape[axes[i]] <= 0) {
                config.problem("input shape " + GeneralConfig.shapeText(shape) + " has no known size on axis " + axes[i]);
                return List.of(t.unavailable());
            }
        }
        boolean hasGamma = scale || rms;
        boolean hasBeta = center && !rms;
        int count = (hasGamma ? 1 : 0) + (hasBeta ? 1 : 0);
        String names = hasGamma && hasBeta ? "gamma, beta" : hasGamma ? "gamma" : hasBeta ? "beta" : "none";
        if (!LayerWeights.count(config, t.weights(), count, names)) {
            return List.of(t.unavailable());
        }
        float[] gamma = hasGamma ? LayerWeights.take(config, t.weights(), 0, "gamma", weightShape) : null;
        float[] beta = hasBeta ? LayerWeights.take(config, t.weights(), hasGamma ? 1 : 0, "beta", weightShape) : null;
        if (hasGamma && gamma == null || hasBeta && beta == null) {
            return List.of(t.unavailable());
        }
        LayerNormalization op = new LayerNormalization(rank, normalized, sizes, epsilon, gamma, beta,
                rms ? LayerNormalization.Form.KERAS_RMS_SCALING : LayerNormalization.Form.KERAS);
        return GeneralConfig.passMask(t, op, x);
    }
}
