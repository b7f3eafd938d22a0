package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;

/**
 * Keras Rescaling: {@code x · scale + offset} in float32, each a number or a list broadcast against the last axes of x
 * (numpy style, as Keras applies it with the default channels-last image format); passes the mask.
 */
final class RescalingTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = GeneralConfig.single(config, t);
        String scale = constant(config, t, "scale", 1.0);
        String offset = constant(config, t, "offset", 0.0);
        if (x == null || scale == null || offset == null) {
            return List.of(t.unavailable());
        }
        String scaled = t.emit(new Elementwise(Elementwise.Kind.MUL), List.of(x.value(), scale)).get(0);
        return List.of(new KTensor(t.emit(new Elementwise(Elementwise.Kind.ADD), List.of(scaled, offset)).get(0), x.mask()));
    }

    /** Option {@code key} (a number or a flat list of numbers) as a Constant node; null after a problem. */
    private static String constant(LayerConfig config, Translation t, String key, double dflt) {
        JsonNode v = config.raw(key);
        float[] values;
        if (v == null || v.isNull()) {
            values = new float[] {(float) dflt};
        } else if (v.isNumber()) {
            values = new float[] {v.floatValue()};
        } else if (v.isArray() && v.size() > 0) {
            values = new float[v.size()];
            for (int i = 0; i < values.length; i++) {
                if (!v.get(i).isNumber()) {
                    config.problem("option " + key + "=" + v + " must be a number or a list of numbers");
                    return null;
                }
                values[i] = v.get(i).floatValue();
            }
        } else {
            config.problem("option " + key + "=" + v + " must be a number or a list of numbers");
            return null;
        }
        int[] shape = values.length == 1 && !v.isArray() ? new int[0] : new int[] {values.length};
        return GeneralConfig.constant(t, values, shape);
    }
}
