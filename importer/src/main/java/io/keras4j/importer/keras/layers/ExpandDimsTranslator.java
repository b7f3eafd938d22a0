package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Unsqueeze;
import java.util.List;

/** Keras 3 {@code keras.ops.expand_dims(x, axis)}: one {@code axis} of the output, not the batch axis. */
final class ExpandDimsTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        int[] raw = GeneralConfig.intList(config, false, "axis");
        if (x == null || raw == null) {
            return List.of(t.unavailable());
        }
        if (raw.length != 1) {
            config.problem("option axis=" + config.raw("axis") + " is not supported (one axis)");
            return List.of(t.unavailable());
        }
        int axis = GeneralConfig.axis(config, "axis", raw[0], t.shape(x.value()).length + 1, false);
        return axis < 0 ? List.of(t.unavailable()) : GeneralConfig.dropMask(t, new Unsqueeze(new long[] {axis}), x);
    }
}
