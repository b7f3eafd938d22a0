package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Cast;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Keras 3 {@code keras.ops.cast(x, dtype)}: to float32 or float64, which keras4j computes as float32, the values unchanged
 * (a comparison's true and false become 1 and 0, as in Keras); to bool, nonzero (NaN included) is 1; to an integer type
 * (int8 to int64, uint8 to uint64), toward zero as TensorFlow's cast computes it on x86-64 (see {@link Cast}), the
 * result held as float32, exact up to 2^24. Other dtypes are refused.
 */
final class CastOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        String dtype = config.string("", "dtype");
        Cast cast = toBoolOrInteger(dtype);
        if (!LayerConfig.FLOAT_DTYPES.contains(dtype) && cast == null) {
            config.problem("option dtype=" + dtype + " is not supported (float32, float64, bool, int8 to int64, uint8 to"
                    + " uint64)");
            return List.of(t.unavailable());
        }
        if (x == null) {
            return List.of(t.unavailable());
        }
        if (LayerConfig.FLOAT_DTYPES.contains(dtype)) {
            return List.of(new KTensor(x.value(), null));
        }
        return GeneralConfig.dropMask(t, cast, x);
    }

    /** The cast of float values to Keras dtype bool or an integer type, as TensorFlow casts them; null for others. */
    static Cast toBoolOrInteger(String dtype) {
        Matcher integer = LayerConfig.INTEGER_DTYPES.matcher(dtype);
        return dtype.equals("bool") ? Cast.toBool() : integer.matches()
                ? Cast.floatToInteger(Integer.parseInt(integer.group(2)), integer.group(1).isEmpty()) : null;
    }
}
