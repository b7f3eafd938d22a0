package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Where;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.zeros_like(x)}, {@code ones_like(x)} and {@code full_like(x, fill_value)} (a number): a tensor
 * of x's shape holding that value whatever x holds (NaN and infinities too), computed as {@code where(x, v, v)}. The
 * value takes option {@code dtype} (float32 or float64) or, where that is None, x's type, as Keras converts it: toward
 * zero for an integer type, 1 or 0 for bool. Also {@code imag(x)} and {@code isreal(x)} of a real x: 0 and 1.
 */
final class FillLikeOperationTranslator implements LayerTranslator {
    private final Float value;

    /** @param value the value, or null for full_like's {@code fill_value} argument */
    FillLikeOperationTranslator(Float value) {
        this.value = value;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        String dtype = config.string(null, "dtype");
        if (dtype != null && !LayerConfig.FLOAT_DTYPES.contains(dtype)) {
            config.problem("option dtype=" + dtype + " is not supported (None, float32 or float64)");
        }
        KTensor x = value == null ? OperationArguments.first(config, t, 2, "a tensor and a number")
                : OperationArguments.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        float v = value == null ? t.positionalArguments().get(1).floatValue() : value;
        if (value == null && !t.positionalArguments().get(1).isNumber()) {
            config.problem("fill_value " + OperationArguments.quote(t.positionalArguments().get(1))
                    + " is not supported (a number)");
            return List.of(t.unavailable());
        }
        String type = dtype != null ? dtype : t.positionalArguments().get(0).path("config").path("dtype").asText("float32");
        if (type.equals("bool")) {
            v = v != 0 ? 1 : 0;
        } else if (LayerConfig.INTEGER_DTYPES.matcher(type).matches()) {
            v = (float) (v < 0 ? Math.ceil(v) : Math.floor(v));
        } else if (!LayerConfig.FLOAT_DTYPES.contains(type)) {
            config.problem("takes a tensor of type " + type + " (float32, float64, bool or an integer type)");
            return List.of(t.unavailable());
        }
        String fill = GeneralConfig.constant(t, new float[] {v}, new int[0]);
        return List.of(new KTensor(t.emit(new Where(), List.of(x.value(), fill, fill)).get(0), null));
    }
}
