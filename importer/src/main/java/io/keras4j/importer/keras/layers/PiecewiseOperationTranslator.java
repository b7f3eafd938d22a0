package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;

/**
 * Keras 3 operations of two operands (as Add's) that Keras' TensorFlow backend computes piecewise, with {@code where}:
 * {@code keras.ops.divide_no_nan(x1, x2)}, TensorFlow's {@code divide_no_nan}: {@code x1 / x2}, but 0 wherever x2 is 0
 * (whatever x1 holds, NaN and infinities too); {@code keras.ops.heaviside(x1, x2)}: 0 where x1 &lt; 0, 1 where x1 &gt; 0,
 * else (0, -0.0 and NaN) x2; {@code keras.ops.fmax(x1, x2)} and {@code fmin}: the maximum or minimum, but the other
 * operand where one is NaN; {@code keras.ops.ldexp(x1, x2)}: {@code x1 · 2^x2} in float32 (x2 integers), but x1 where it
 * is 0 or infinite.
 */
final class PiecewiseOperationTranslator implements LayerTranslator {
    /** Which operation. */
    enum Form {
        DIVIDE_NO_NAN, HEAVISIDE, FMAX, FMIN, LDEXP
    }

    private final Form form;

    PiecewiseOperationTranslator(Form form) {
        this.form = form;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        List<String> operands = OperationArguments.operands(config, t, 2);
        if (operands == null) {
            return List.of(t.unavailable());
        }
        String a = operands.get(0);
        String b = operands.get(1);
        String zero = GeneralConfig.scalar(t, 0f);
        String y = switch (form) {
            case DIVIDE_NO_NAN -> GeneralConfig.where(t, GeneralConfig.elementwise(t, Elementwise.Kind.EQUAL, b, zero),
                    zero, GeneralConfig.elementwise(t, Elementwise.Kind.DIV, a, b));
            case HEAVISIDE -> GeneralConfig.where(t, GeneralConfig.elementwise(t, Elementwise.Kind.LESS, a, zero), zero,
                    GeneralConfig.where(t, GeneralConfig.elementwise(t, Elementwise.Kind.GREATER, a, zero),
                            GeneralConfig.scalar(t, 1f), b));
            case FMAX, FMIN -> GeneralConfig.where(t, isNan(t, a), b, GeneralConfig.where(t, isNan(t, b), a,
                    GeneralConfig.elementwise(t, form == Form.FMAX ? Elementwise.Kind.MAX : Elementwise.Kind.MIN, a, b)));
            // 0 and the infinities are the values equal to their double
            case LDEXP -> GeneralConfig.where(t, GeneralConfig.elementwise(t, Elementwise.Kind.EQUAL,
                            GeneralConfig.elementwise(t, Elementwise.Kind.ADD, a, a), a), a,
                    GeneralConfig.elementwise(t, Elementwise.Kind.MUL, a,
                            GeneralConfig.elementwise(t, Elementwise.Kind.POW, GeneralConfig.scalar(t, 2f), b)));
        };
        return List.of(new KTensor(y, null));
    }

    /** 1 where v is NaN (the one value unequal to itself), else 0. */
    private static String isNan(Translation t, String v) {
        return GeneralConfig.elementwise(t, Elementwise.Kind.NOT_EQUAL, v, v);
    }
}
