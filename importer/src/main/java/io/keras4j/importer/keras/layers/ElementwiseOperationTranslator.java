package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;

/**
 * Keras 3 operations of two operands with numpy broadcasting ({@code keras.ops.add}, {@code x * 2.0}, {@code 1.0 - x},
 * {@code x ** 2}, {@code keras.ops.logical_and}, ...): each operand a tensor or a number. Operations of one operand
 * take a fixed second one: {@code keras.ops.square} is {@code x ** 2}, {@code keras.ops.logical_not} is {@code x == 0}.
 */
final class ElementwiseOperationTranslator implements LayerTranslator {
    private final Elementwise.Kind kind;
    private final Float second;

    private ElementwiseOperationTranslator(Elementwise.Kind kind, Float second) {
        this.kind = kind;
        this.second = second;
    }

    /** The operation {@code kind} of its two arguments. */
    static ElementwiseOperationTranslator of(Elementwise.Kind kind) {
        return new ElementwiseOperationTranslator(kind, null);
    }

    /** The operation {@code kind} of its one argument and {@code second}. */
    static ElementwiseOperationTranslator with(Elementwise.Kind kind, float second) {
        return new ElementwiseOperationTranslator(kind, second);
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        List<String> operands = OperationArguments.operands(config, t, second == null ? 2 : 1);
        if (operands == null) {
            return List.of(t.unavailable());
        }
        if (second != null) {
            operands = List.of(operands.get(0), GeneralConfig.constant(t, new float[] {second}, new int[0]));
        }
        return List.of(new KTensor(t.emit(new Elementwise(kind), operands).get(0), null));
    }
}
