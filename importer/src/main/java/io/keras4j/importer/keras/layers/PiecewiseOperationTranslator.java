package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Where;
import java.util.List;

/**
 * Keras 3 operations of two operands (as Add's) that Keras' TensorFlow backend computes piecewise, with {@code where}:
 * {@code keras.ops.divide_no_nan(x1, x2)}, TensorFlow's {@code divide_no_nan}: {@code x1 / x2}, but 0 wherever x2 is 0
 * (whatever x1 holds, NaN and infinities too); {@code keras.ops.heaviside(x1, x2)}: 0 where x1 &lt; 0, 1 where x1 &gt; 0,
 * else (0, -0.0 and NaN) x2.
 */
final class PiecewiseOperationTranslator implements LayerTranslator {
    /** Which operation. */
    enum Form {
        DIVIDE_NO_NAN, HEAVISIDE
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
        String zero = GeneralConfig.constant(t, new float[] {0f}, new int[0]);
        String y;
        if (form == Form.DIVIDE_NO_NAN) {
            y = where(t, GeneralConfig.elementwise(t, Elementwise.Kind.EQUAL, b, zero), zero,
                    GeneralConfig.elementwise(t, Elementwise.Kind.DIV, a, b));
        } else {
            String one = GeneralConfig.constant(t, new float[] {1f}, new int[0]);
            y = where(t, GeneralConfig.elementwise(t, Elementwise.Kind.LESS, a, zero), zero,
                    where(t, GeneralConfig.elementwise(t, Elementwise.Kind.GREATER, a, zero), one, b));
        }
        return List.of(new KTensor(y, null));
    }

    private static String where(Translation t, String condition, String then, String otherwise) {
        return GeneralConfig.emit(t, new Where(), condition, then, otherwise);
    }
}
