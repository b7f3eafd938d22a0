package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;

/**
 * Keras 3 operations of two operands with numpy broadcasting ({@code keras.ops.add}, {@code x * 2.0}, {@code 1.0 - x},
 * {@code x ** 2}, ...): each operand a tensor or a number. {@code keras.ops.square} is {@code x ** 2}.
 */
final class ElementwiseOperationTranslator implements LayerTranslator {
    private final Elementwise.Kind kind;
    private final Float exponent;

    private ElementwiseOperationTranslator(Elementwise.Kind kind, Float exponent) {
        this.kind = kind;
        this.exponent = exponent;
    }

    /** The operation {@code kind} of its two arguments. */
    static ElementwiseOperationTranslator of(Elementwise.Kind kind) {
        return new ElementwiseOperationTranslator(kind, null);
    }

    /** Its one argument raised to {@code exponent}. */
    static ElementwiseOperationTranslator power(float exponent) {
        return new ElementwiseOperationTranslator(Elementwise.Kind.POW, exponent);
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        List<String> operands = exponent == null ? OperationArguments.operands(config, t, 2)
                : OperationArguments.operands(config, t, 1);
        if (operands == null) {
            return List.of(t.unavailable());
        }
        if (exponent != null) {
            operands = List.of(operands.get(0), GeneralConfig.constant(t, new float[] {exponent}, new int[0]));
        }
        return List.of(new KTensor(t.emit(new Elementwise(kind), operands).get(0), null));
    }
}
