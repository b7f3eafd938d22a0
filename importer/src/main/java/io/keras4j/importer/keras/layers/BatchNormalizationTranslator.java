package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.BatchNormalization;
import java.util.List;

/**
 * Keras BatchNormalization at inference (moving statistics): axis, epsilon, center, scale. Weights in
 * Keras order gamma (if scale), beta (if center), moving_mean, moving_variance, then with renorm the
 * three renorm statistics, which inference does not use. Passes the mask through.
 */
final class BatchNormalizationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int[] axes = GeneralConfig.intList(config, true, "axis");
        double epsilon = config.number(1e-3, "epsilon");
        boolean center = config.bool(true, "center");
        boolean scale = config.bool(true, "scale");
        boolean renorm = config.bool(false, "renorm");
        GeneralConfig.ignoreGammaBetaTraining(config);
        config.ignore("momentum", "moving_mean_initializer", "moving_variance_initializer", "renorm_clipping",
                "renorm_momentum", "synchronized", "fused", "beta_init", "gamma_init");
        GeneralConfig.requireNull(config, "virtual_batch_size", "virtual batches are not supported");
        GeneralConfig.requireNull(config, "adjustment", "custom adjustment functions are not supported");
        if (config.raw("mode") != null && config.raw("mode").asInt(-1) != 0) {
            config.problem("option mode=" + config.raw("mode") + " is not supported (Keras 1 modes 1 and 2 normalize with "
                    + "batch statistics at inference; only mode 0 is)");
        }
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        if (axes != null && axes.length != 1) {
            config.problem("option axis=" + java.util.Arrays.toString(axes) + " is not supported (one axis only)");
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        int axis = GeneralConfig.axis(config, "axis", axes == null ? -1 : axes[0], shape.length, false);
        if (axis < 0) {
            return List.of(t.unavailable());
        }
        int channels = shape[axis];
        if (channels <= 0) {
            config.problem("input shape " + GeneralConfig.shapeText(shape) + " has no known size on axis " + axis);
            return List.of(t.unavailable());
        }
        int count = (scale ? 1 : 0) + (center ? 1 : 0) + 2 + (renorm ? 3 : 0);
        String names = (scale ? "gamma, " : "") + (center ? "beta, " : "") + "moving_mean, moving_variance"
                + (renorm ? ", moving_stddev, renorm_mean, renorm_stddev" : "");
        if (!LayerWeights.count(config, t.weights(), count, names)) {
            return List.of(t.unavailable());
        }
        int k = 0;
        float[] gamma = scale ? LayerWeights.take(config, t.weights(), k++, "gamma", channels) : null;
        float[] beta = center ? LayerWeights.take(config, t.weights(), k++, "beta", channels) : null;
        float[] mean = LayerWeights.take(config, t.weights(), k++, "moving_mean", channels);
        float[] variance = LayerWeights.take(config, t.weights(), k, "moving_variance", channels);
        if (scale && gamma == null || center && beta == null || mean == null || variance == null) {
            return List.of(t.unavailable());
        }
        BatchNormalization op = BatchNormalization.fromMoments(shape.length, axis, gamma, beta, mean, variance, epsilon);
        return GeneralConfig.passMask(t, op, x);
    }
}
