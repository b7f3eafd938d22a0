package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Where;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.zeros_like(x)}, {@code ones_like(x)} and {@code full_like(x, fill_value)} (a number): a tensor
 * of x's shape holding that value whatever x holds (NaN and infinities too), computed as {@code where(x, v, v)};
 * {@code dtype} None, float32 or float64.
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
        JsonNode args = t.positionalArguments();
        int count = value == null ? 2 : 1;
        if (!args.isArray() || args.size() != count || !OperationArguments.isTensor(args.get(0)) || t.inputs().size() != 1
                || value == null && !args.get(1).isNumber()) {
            config.problem("expects a tensor" + (value == null ? " and a number" : "") + " as positional arguments");
            return List.of(t.unavailable());
        }
        float v = value == null ? args.get(1).floatValue() : value;
        String fill = GeneralConfig.constant(t, new float[] {v}, new int[0]);
        return List.of(new KTensor(t.emit(new Where(), List.of(t.inputs().get(0).value(), fill, fill)).get(0), null));
    }
}
