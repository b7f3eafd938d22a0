package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Relu;
import java.util.List;

/** Keras ReLU layer: max_value, negative_slope, threshold. Passes the mask through. */
final class ReluTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        JsonNode mv = config.raw("max_value");
        double maxValue = Double.NaN;
        if (mv != null && !mv.isNull()) {
            if (mv.isNumber() && mv.asDouble() >= 0) {
                maxValue = mv.asDouble();
            } else {
                config.problem("option max_value=" + mv + " must be a non-negative number or null");
            }
        }
        double slope = config.number(0.0, "negative_slope");
        double threshold = config.number(0.0, "threshold");
        if (slope < 0 || threshold < 0) {
            config.problem("options negative_slope=" + slope + " and threshold=" + threshold + " must not be negative");
        }
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        return GeneralConfig.passMask(t, new Relu("ReLU", slope, maxValue, threshold), x);
    }
}
