package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Where;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.divide_no_nan(x1, x2)}, TensorFlow's {@code divide_no_nan}: {@code x1 / x2}, but 0 wherever
 * {@code x2} is 0 (whatever x1 holds, NaN and infinities too); operands as Divide's.
 */
final class DivideNoNanTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        List<String> operands = OperationArguments.operands(config, t, 2);
        if (operands == null) {
            return List.of(t.unavailable());
        }
        String zero = GeneralConfig.constant(t, new float[] {0f}, new int[0]);
        String quotient = t.emit(new Elementwise(Elementwise.Kind.DIV), operands).get(0);
        String byZero = t.emit(new Elementwise(Elementwise.Kind.EQUAL), List.of(operands.get(1), zero)).get(0);
        return List.of(new KTensor(t.emit(new Where(), List.of(byZero, zero, quotient)).get(0), null));
    }
}
