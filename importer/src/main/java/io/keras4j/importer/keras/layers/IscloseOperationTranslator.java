package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.isclose(x1, x2, rtol, atol, equal_nan)} as its TensorFlow backend computes it in float32:
 * {@code |x1 - x2| <= atol + rtol · |x2|} (1 or 0), with {@code equal_nan} also 1 where both are NaN; x1 and x2 tensors,
 * numbers or constant arrays (as Add's operands), {@code rtol} and {@code atol} numbers (1e-5 and 1e-8 by default).
 */
final class IscloseOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        JsonNode args = t.positionalArguments();
        boolean equalNan = config.bool(false, "equal_nan");
        boolean numbers = args.isArray() && args.size() >= 2 && args.size() <= 4;
        for (int i = 2; numbers && i < args.size(); i++) {
            numbers = args.get(i).isNumber();
        }
        if (!numbers) {
            config.problem("expects x1, x2 and optionally rtol and atol as numbers, got " + OperationArguments.quote(args));
            return List.of(t.unavailable());
        }
        List<JsonNode> operands = new ArrayList<>();
        args.forEach(operands::add);
        List<String> v = OperationArguments.operands(config, t, operands.subList(0, 2));
        if (v == null) {
            return List.of(t.unavailable());
        }
        float rtol = args.size() > 2 ? args.get(2).floatValue() : 1e-5f;
        float atol = args.size() > 3 ? args.get(3).floatValue() : 1e-8f;
        String distance = abs(t, GeneralConfig.elementwise(t, Elementwise.Kind.SUB, v.get(0), v.get(1)));
        String bound = GeneralConfig.elementwise(t, Elementwise.Kind.ADD, constant(t, atol),
                GeneralConfig.elementwise(t, Elementwise.Kind.MUL, constant(t, rtol), abs(t, v.get(1))));
        String close = GeneralConfig.elementwise(t, Elementwise.Kind.LESS_OR_EQUAL, distance, bound);
        if (equalNan) {
            String nans = GeneralConfig.elementwise(t, Elementwise.Kind.AND, isNan(t, v.get(0)), isNan(t, v.get(1)));
            close = GeneralConfig.elementwise(t, Elementwise.Kind.OR, close, nans);
        }
        return List.of(new KTensor(close, null));
    }

    private static String abs(Translation t, String x) {
        return GeneralConfig.emit(t, new ActivationOp(Activation.of(Activation.Kind.ABS)), x);
    }

    private static String isNan(Translation t, String x) {
        return GeneralConfig.emit(t, new ActivationOp(Activation.of(Activation.Kind.IS_NAN)), x);
    }

    private static String constant(Translation t, float value) {
        return GeneralConfig.constant(t, new float[] {value}, new int[0]);
    }
}
