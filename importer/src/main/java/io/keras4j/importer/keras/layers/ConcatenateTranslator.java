package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Concatenate;
import io.keras4j.runtime.ops.MergeMask;
import java.util.List;

/**
 * Keras Concatenate(axis). Its mask, as Keras 3 computes it, when any input has one: an input without a
 * mask counts as all valid; along the last axis the masks are OR-ed, along an earlier axis (time)
 * they are concatenated.
 */
final class ConcatenateTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        JsonNode a = config.raw("axis", "concat_axis");
        int rawAxis = -1;
        if (a != null && !a.isNull()) {
            if (a.isIntegralNumber() && a.canConvertToInt()) {
                rawAxis = a.asInt();
            } else {
                config.problem("option axis=" + a + " must be an integer");
            }
        }
        List<KTensor> ins = t.inputs();
        if (ins.isEmpty()) {
            config.problem("expects at least 1 input, got 0");
            return List.of(t.unavailable());
        }
        int rank = t.shape(ins.get(0).value()).length;
        int axis = GeneralConfig.axis(config, "axis", rawAxis, rank, false);
        if (axis < 0) {
            return List.of(t.unavailable());
        }
        MergedInputs m = MergedInputs.of(ins);
        String out = t.emit(new Concatenate(axis), m.values()).get(0);
        String mask = m.masks().isEmpty() ? null
                : t.emit(MergeMask.concatenate(axis, m.masked()), m.valuesThenMasks()).get(0);
        return List.of(new KTensor(out, mask));
    }
}
