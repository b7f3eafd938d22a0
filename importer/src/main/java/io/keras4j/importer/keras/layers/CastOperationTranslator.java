package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Cast;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Keras 3 {@code keras.ops.cast(x, dtype)}: to float32 or float64, which keras4j computes as float32, the values unchanged
 * (a comparison's true and false become 1 and 0, as in Keras); to bool, nonzero (NaN included) is 1; to an integer type
 * (int8 to int64, uint8 to uint64), toward zero as TensorFlow's cast computes it on x86-64 (see {@link Cast}), the
 * result held as float32, exact up to 2^24. Other dtypes are refused. {@code keras.ops.saturate_cast(x, dtype)} first
 * clips x as Keras does (see {@link #limits}); not to uint32 or uint64, whose clipped bound TensorFlow casts one way in
 * a model and another eagerly.
 */
final class CastOperationTranslator implements LayerTranslator {
    private final boolean saturating;

    CastOperationTranslator(boolean saturating) {
        this.saturating = saturating;
    }

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
        String v = x.value();
        if (saturating && (dtype.equals("uint32") || dtype.equals("uint64"))) {
            config.problem("option dtype=" + dtype + " is not supported by saturate_cast (Keras clips to 2^32 or 2^64,"
                    + " which TensorFlow's cast takes to 2^31 or 2^63 in a model and to 0 eagerly)");
            return List.of(t.unavailable());
        }
        if (saturating) {
            float[] limits = limits(dtype);
            v = GeneralConfig.emit(t, new ActivationOp(Activation.of(Activation.Kind.CLIP, limits[0], limits[1])), v);
        }
        return LayerConfig.FLOAT_DTYPES.contains(dtype) ? List.of(new KTensor(v, null))
                : List.of(new KTensor(GeneralConfig.emit(t, cast, v), null));
    }

    /**
     * The float32 bounds Keras' saturate_cast clips to before casting to {@code dtype}: the type's range (0 and 1 for
     * bool, float32's for the float types) rounded to float32. Keras means to move a bound that rounding took outside
     * the range one step back, but compares in float32 (numpy 2's rules for a Python int), so it never does: int32's
     * largest, 2147483647, becomes 2^31, which the cast then takes to -2^31, as in Keras.
     */
    private static float[] limits(String dtype) {
        Matcher integer = LayerConfig.INTEGER_DTYPES.matcher(dtype);
        if (!integer.matches()) {
            return dtype.equals("bool") ? new float[] {0f, 1f} : new float[] {-Float.MAX_VALUE, Float.MAX_VALUE};
        }
        int bits = Integer.parseInt(integer.group(2));
        boolean unsigned = integer.group(1).equals("u");
        float max = (float) (Math.pow(2, unsigned ? bits : bits - 1) - 1);
        return new float[] {unsigned ? 0f : (float) -Math.pow(2, bits - 1), max};
    }

    /** The cast of float values to Keras dtype bool or an integer type, as TensorFlow casts them; null for others. */
    static Cast toBoolOrInteger(String dtype) {
        Matcher integer = LayerConfig.INTEGER_DTYPES.matcher(dtype);
        return dtype.equals("bool") ? Cast.toBool() : integer.matches()
                ? Cast.floatToInteger(Integer.parseInt(integer.group(2)), integer.group(1).isEmpty()) : null;
    }
}
