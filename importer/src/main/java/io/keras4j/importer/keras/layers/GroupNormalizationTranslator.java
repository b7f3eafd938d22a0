package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.GroupNormalization;
import java.util.List;

/**
 * Keras GroupNormalization: {@code groups} (-1: one per channel) over the channel {@code axis}, {@code epsilon},
 * {@code scale} (gamma) and {@code center} (beta); statistics over every non-batch axis of a group, masked steps included
 * as Keras includes them; passes the mask.
 */
final class GroupNormalizationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        JsonNode g = config.raw("groups");
        int groups = g == null ? 32 : g.isInt() && g.asInt() == -1 ? -1 : config.positiveInt("groups");
        double epsilon = config.number(1e-3, "epsilon");
        boolean scale = config.bool(true, "scale");
        boolean center = config.bool(true, "center");
        GeneralConfig.ignoreGammaBetaTraining(config);
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        int[] raw = GeneralConfig.intList(config, true, "axis");
        if (raw != null && raw.length != 1) {
            config.problem("option axis=" + config.raw("axis") + " must be one axis");
            return List.of(t.unavailable());
        }
        int axis = GeneralConfig.axis(config, "axis", raw == null ? -1 : raw[0], shape.length, false);
        if (axis < 0) {
            return List.of(t.unavailable());
        }
        int channels = shape[axis];
        groups = groups == -1 ? channels : groups;
        if (channels <= 0 || channels % groups != 0) {
            config.problem("option groups=" + groups + " must divide the " + channels + " channels of axis " + axis);
            return List.of(t.unavailable());
        }
        int count = (scale ? 1 : 0) + (center ? 1 : 0);
        if (!LayerWeights.count(config, t.weights(), count, scale && center ? "gamma, beta" : scale ? "gamma" : "beta")) {
            return List.of(t.unavailable());
        }
        float[] gamma = scale ? LayerWeights.take(config, t.weights(), 0, "gamma", channels) : null;
        float[] beta = center ? LayerWeights.take(config, t.weights(), count - 1, "beta", channels) : null;
        if (scale && gamma == null || center && beta == null) {
            return List.of(t.unavailable());
        }
        return GeneralConfig.passMask(t, new GroupNormalization(shape.length, axis, groups, channels, epsilon, gamma, beta), x);
    }
}
