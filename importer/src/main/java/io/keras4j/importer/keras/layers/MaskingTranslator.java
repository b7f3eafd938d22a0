package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Masking;
import java.util.List;

/** Keras Masking: outputs the input with masked steps zeroed, and the new mask (any value != mask_value). */
final class MaskingTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        JsonNode v = config.raw("mask_value");
        double maskValue = 0.0;
        if (v != null && !v.isNull()) {
            if (v.isNumber()) {
                maskValue = v.asDouble();
            } else {
                config.problem("option mask_value=" + v + " is not supported (only a number)");
            }
        }
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        List<String> outs = t.emit(new Masking((float) maskValue), List.of(x.value()));
        return List.of(new KTensor(outs.get(0), outs.get(1)));
    }
}
