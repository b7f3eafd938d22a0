package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.split(x, indices_or_sections, axis)}: equal sections of an axis whose length is known at
 * import, or the pieces between ascending split indices; not the batch axis. Each piece is a Slice.
 */
final class SplitOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        JsonNode how = config.raw("indices_or_sections");
        int axis = OperationArguments.axis(config, t, x, "it splits the flattened input, batch included");
        if (how == null) {
            config.problem("option indices_or_sections is missing");
        }
        if (axis < 0 || how == null) {
            return List.of(t.unavailable());
        }
        int length = t.shape(x.value())[axis];
        List<Long> cuts = new ArrayList<>(List.of(0L));
        if (how.isIntegralNumber() && how.asInt() > 0 && length > 0 && length % how.asInt() == 0) {
            for (int i = 1; i < how.asInt(); i++) {
                cuts.add((long) i * (length / how.asInt()));
            }
        } else if (how.isArray()) {
            for (JsonNode c : how) {
                long cut = c.asLong(-1);
                if (!c.isIntegralNumber() || cut < cuts.get(cuts.size() - 1) || cut > OperationArguments.END) {
                    cuts = null;
                    break;
                }
                cuts.add(cut);
            }
        } else {
            cuts = null;
        }
        if (cuts == null) {
            config.problem("option indices_or_sections=" + how + " is not supported for axis " + axis + " of "
                    + GeneralConfig.shapeText(t.shape(x.value())) + " (a count dividing a length known at import, or"
                    + " ascending non-negative indices)");
            return List.of(t.unavailable());
        }
        cuts.add((long) OperationArguments.END);
        List<KTensor> pieces = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.size(); i++) {
            float[] row = {cuts.get(i), cuts.get(i + 1), axis, 1};
            pieces.add(new KTensor(OperationArguments.slice(t, x.value(), List.of(row)), null));
        }
        return pieces;
    }
}
