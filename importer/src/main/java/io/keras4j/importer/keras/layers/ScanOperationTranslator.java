package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.primitive.ArgExtreme;
import io.keras4j.runtime.ops.primitive.Cumulative;
import java.util.List;

/**
 * Keras 3 operations along one axis: {@code keras.ops.cumsum(x, axis)}, {@code keras.ops.cumprod(x, axis)} and {@code keras.ops.argmax} / {@code argmin(x,
 * axis, keepdims)} (the first index of equal values, NaN never chosen over a number and -0.0 below +0.0, as Keras'
 * TensorFlow backend); {@code axis} one int, not the batch axis; None,
 * which flattens the batch in, refused.
 */
final class ScanOperationTranslator implements LayerTranslator {
    /** What the operation computes. */
    enum Kind { CUMSUM, CUMPROD, ARGMAX, ARGMIN }

    private final Kind kind;

    ScanOperationTranslator(Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        boolean cumulative = kind == Kind.CUMSUM || kind == Kind.CUMPROD;
        boolean keepDims = !cumulative && config.bool(false, "keepdims");
        if (cumulative) {
            GeneralConfig.requireNull(config, "dtype", "the input's float32 only");
        }
        int axis = OperationArguments.axis(config, t, x, "it flattens the batch axis in");
        if (axis < 0) {
            return List.of(t.unavailable());
        }
        Op op = kind == Kind.CUMSUM ? new Cumulative(Cumulative.Kind.SUM, axis, false, false)
                : kind == Kind.CUMPROD ? new Cumulative(Cumulative.Kind.PRODUCT, axis, false, false)
                : new ArgExtreme(kind == Kind.ARGMAX, axis, keepDims, false, true);
        return GeneralConfig.dropMask(t, op, x);
    }
}
