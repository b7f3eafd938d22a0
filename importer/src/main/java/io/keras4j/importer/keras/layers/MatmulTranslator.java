package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.MatMul;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.matmul(a, b)} and {@code a @ b} of two tensors of one rank, at least 3 (the batch axis
 * pairs with the batch axis; a rank-2 operand would be one matrix over the whole batch).
 */
final class MatmulTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        if (t.inputs().size() != 2 || t.shape(t.inputs().get(0).value()).length < 3) {
            config.problem("is supported on two tensors of rank 3 or more (batched matrices), got "
                    + t.inputs().stream().map(x -> GeneralConfig.shapeText(t.shape(x.value()))).toList());
            return List.of(t.unavailable());
        }
        List<String> operands = OperationArguments.operands(config, t, 2);
        if (operands == null) {
            return List.of(t.unavailable());
        }
        return List.of(new KTensor(t.emit(new MatMul(), operands).get(0), null));
    }
}
