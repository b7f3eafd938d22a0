package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Where;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.select(condlist, choicelist, default)} as TensorFlow's numpy select: from the default, one
 * Where per condition, the last first, so that the first true condition's choice wins. Conditions, choices and the
 * default are tensors, numbers or constant arrays (as Where's operands).
 */
final class SelectOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        JsonNode args = t.positionalArguments();
        JsonNode conditions = args.path(0);
        JsonNode choices = args.path(1);
        if (!args.isArray() || args.size() != 3 || !conditions.isArray() || conditions.isEmpty()
                || !choices.isArray() || choices.size() != conditions.size()) {
            config.problem("expects a list of conditions, a list of as many choices and a default, got "
                    + OperationArguments.quote(args));
            return List.of(t.unavailable());
        }
        List<JsonNode> flat = new ArrayList<>();
        conditions.forEach(flat::add);
        choices.forEach(flat::add);
        flat.add(args.get(2));
        List<String> v = OperationArguments.operands(config, t, flat);
        if (v == null) {
            return List.of(t.unavailable());
        }
        int n = conditions.size();
        String out = v.get(2 * n);
        for (int i = n - 1; i >= 0; i--) {
            out = t.emit(new Where(), List.of(v.get(i), v.get(n + i), out)).get(0);
        }
        return List.of(new KTensor(out, null));
    }
}
