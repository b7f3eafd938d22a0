package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Concatenate;
import io.keras4j.runtime.ops.primitive.Unsqueeze;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.concatenate(xs, axis)} and {@code keras.ops.stack(xs, axis)} (each tensor given a new axis
 * there, then joined): a list of tensors of one rank, {@code axis} not the batch axis.
 */
final class ConcatenateOperationTranslator implements LayerTranslator {
    private final boolean stack;

    ConcatenateOperationTranslator(boolean stack) {
        this.stack = stack;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        JsonNode args = t.positionalArguments();
        List<KTensor> ins = t.inputs();
        boolean tensors = args.isArray() && args.size() == 1 && args.get(0).isArray() && args.get(0).size() == ins.size()
                && !ins.isEmpty();
        for (int i = 0; tensors && i < ins.size(); i++) {
            tensors = OperationArguments.isTensor(args.get(0).get(i))
                    && t.shape(ins.get(i).value()).length == t.shape(ins.get(0).value()).length;
        }
        int[] raw = GeneralConfig.intList(config, false, "axis");
        if (!tensors) {
            config.problem("expects one list of tensors of one rank, got " + args);
            return List.of(t.unavailable());
        }
        if (raw != null && raw.length != 1) {
            config.problem("option axis=" + config.raw("axis") + " must be one integer");
            return List.of(t.unavailable());
        }
        int rank = t.shape(ins.get(0).value()).length + (stack ? 1 : 0);
        int axis = raw == null ? -1 : GeneralConfig.axis(config, "axis", raw[0], rank, false);
        if (axis < 0) {
            return List.of(t.unavailable());
        }
        List<String> values = new ArrayList<>();
        for (KTensor x : ins) {
            values.add(stack ? t.emit(new Unsqueeze(new long[] {axis}), List.of(x.value())).get(0) : x.value());
        }
        return List.of(new KTensor(t.emit(new Concatenate(axis), values).get(0), null));
    }
}
