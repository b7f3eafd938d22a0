package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Where;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.where(condition, x1, x2)}: {@code x1} where the condition is true (not 0), else {@code x2};
 * each a tensor or a number, broadcast numpy style between tensors of one rank.
 */
final class WhereTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        List<String> operands = OperationArguments.operands(config, t, 3);
        return operands == null ? List.of(t.unavailable()) : List.of(new KTensor(t.emit(new Where(), operands).get(0), null));
    }
}
