package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Pad;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.pad(x, pad_width, mode, constant_values)}: one (before, after) pair per axis, (0, 0) for the
 * batch axis; {@code mode} constant (with {@code constant_values}, a number) or reflect (TensorFlow's: at most
 * length-1 entries per side).
 */
final class PadOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        JsonNode width = config.raw("pad_width");
        String mode = config.string("constant", "mode");
        JsonNode value = t.callArgument("constant_values");
        if (x == null) {
            return List.of(t.unavailable());
        }
        int rank = t.shape(x.value()).length;
        int[] pads = new int[2 * rank];
        boolean valid = width != null && width.isArray() && width.size() == rank && (mode.equals("constant")
                || mode.equals("reflect") && (value.isMissingNode() || value.isNull()));
        for (int d = 0; valid && d < rank; d++) {
            JsonNode pair = width.get(d);
            valid = pair.isArray() && pair.size() == 2 && pair.get(0).canConvertToInt() && pair.get(1).canConvertToInt()
                    && pair.get(0).isIntegralNumber() && pair.get(1).isIntegralNumber();
            pads[d] = valid ? pair.get(0).asInt() : 0;
            pads[rank + d] = valid ? pair.get(1).asInt() : 0;
            valid &= pads[d] >= 0 && pads[rank + d] >= 0 && pads[d] <= OperationArguments.END
                    && pads[rank + d] <= OperationArguments.END && (d > 0 || pads[d] == 0 && pads[rank + d] == 0);
        }
        if (!valid || !value.isMissingNode() && !value.isNull() && !value.isNumber()) {
            config.problem("options pad_width=" + width + ", mode=" + mode + " and constant_values=" + value + " are not"
                    + " supported (one non-negative pair per axis, (0, 0) for the batch; constant with a number, or"
                    + " reflect)");
            return List.of(t.unavailable());
        }
        Pad op = new Pad(pads, value.isNumber() ? value.floatValue() : 0f,
                mode.equals("reflect") ? Pad.Mode.REFLECT : Pad.Mode.CONSTANT);
        return GeneralConfig.dropMask(t, op, x);
    }
}
