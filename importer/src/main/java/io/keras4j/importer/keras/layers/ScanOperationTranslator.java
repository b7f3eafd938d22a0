package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.primitive.ArgExtreme;
import io.keras4j.runtime.ops.primitive.Cumulative;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.List;

/**
 * Keras 3 operations along one axis: {@code keras.ops.cumsum(x, axis)}, {@code keras.ops.cumprod(x, axis)} and {@code keras.ops.argmax} / {@code argmin(x,
 * axis, keepdims)} (the first index of equal values, NaN never chosen over a number and -0.0 below +0.0, as Keras'
 * TensorFlow backend); {@code axis} one int, not the batch axis; None,
 * which flattens the batch in, refused. Their NaN-skipping forms as Keras' TensorFlow backend computes them: {@code
 * nancumsum} and {@code nancumprod} of {@code nan_to_num(x)} (NaN as 0 and 1, infinities as float32's largest and
 * lowest), {@code nanargmax} and {@code nanargmin} of x with NaN as -infinity and +infinity, -1 where all are NaN.
 */
final class ScanOperationTranslator implements LayerTranslator {
    /** What the operation computes. */
    enum Kind {
        CUMSUM(false), CUMPROD(false), ARGMAX(false), ARGMIN(false),
        NANCUMSUM(true), NANCUMPROD(true), NANARGMAX(true), NANARGMIN(true);

        private final boolean skipsNan;

        Kind(boolean skipsNan) {
            this.skipsNan = skipsNan;
        }
    }

    private final Kind kind;

    ScanOperationTranslator(Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        boolean sum = kind == Kind.CUMSUM || kind == Kind.NANCUMSUM;
        boolean cumulative = sum || kind == Kind.CUMPROD || kind == Kind.NANCUMPROD;
        boolean max = kind == Kind.ARGMAX || kind == Kind.NANARGMAX;
        boolean keepDims = !cumulative && config.bool(false, "keepdims");
        if (cumulative) {
            GeneralConfig.requireNull(config, "dtype", "the input's float32 only");
        }
        int axis = OperationArguments.axis(config, t, x, "it flattens the batch axis in");
        if (axis < 0) {
            return List.of(t.unavailable());
        }
        Op op = cumulative ? new Cumulative(sum ? Cumulative.Kind.SUM : Cumulative.Kind.PRODUCT, axis, false, false)
                : new ArgExtreme(max, axis, keepDims, false, true);
        if (!kind.skipsNan) {
            return GeneralConfig.dropMask(t, op, x);
        }
        if (cumulative) {
            String numbers = NanToNumOperationTranslator.numbers(t, x.value(), sum ? 0f : 1f, Float.MAX_VALUE,
                    -Float.MAX_VALUE);
            return List.of(new KTensor(GeneralConfig.emit(t, op, numbers), null));
        }
        Activation isNan = Activation.of(Activation.Kind.IS_NAN);
        String index = GeneralConfig.emit(t, op, NanToNumOperationTranslator.replace(t, x.value(), isNan,
                max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY));
        String all = GeneralConfig.emit(t, new Reduce(Reduce.Kind.MIN, new long[] {axis}, keepDims),
                GeneralConfig.emit(t, new ActivationOp(isNan), x.value()));
        return List.of(new KTensor(GeneralConfig.where(t, all, GeneralConfig.scalar(t, -1f), index), null));
    }
}
