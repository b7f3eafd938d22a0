package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.List;

/**
 * Keras 3 reductions that skip NaN, in the steps of Keras' TensorFlow backend: {@code keras.ops.nansum} and {@code
 * nanprod} (NaN as 0 and 1), {@code nanmax} and {@code nanmin} (NaN as -infinity and +infinity; NaN where all are NaN),
 * {@code nanmean} (nansum over the count of numbers), {@code nanvar} (the squared deviations of the numbers from nanmean,
 * summed, over their count) and {@code nanstd} (its square root); all NaN gives NaN but for nansum (0) and nanprod (1).
 * {@code axis} an int or a list, not the batch axis (None, which reduces the batch too, refused), {@code keepdims}.
 */
final class NanReduceOperationTranslator implements LayerTranslator {
    /** Which reduction. */
    enum Form {
        SUM, PROD, MAX, MIN, MEAN, VAR, STD
    }

    private static final Activation IS_NAN = Activation.of(Activation.Kind.IS_NAN);
    private final Form form;

    NanReduceOperationTranslator(Form form) {
        this.form = form;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor in = OperationArguments.single(config, t);
        boolean keepDims = config.bool(false, "keepdims");
        long[] axes = OperationArguments.axes(config, t, in, "it reduces the batch axis too");
        if (axes == null) {
            return List.of(t.unavailable());
        }
        String x = in.value();
        String y = switch (form) {
            case SUM -> reduce(t, Reduce.Kind.SUM, axes, keepDims, without(t, x, 0f));
            case PROD -> reduce(t, Reduce.Kind.PROD, axes, keepDims, without(t, x, 1f));
            case MAX, MIN -> {
                boolean max = form == Form.MAX;
                String all = reduce(t, Reduce.Kind.MIN, axes, keepDims, GeneralConfig.emit(t, new ActivationOp(IS_NAN), x));
                yield GeneralConfig.where(t, all, GeneralConfig.scalar(t, Float.NaN), reduce(t, max ? Reduce.Kind.MAX
                        : Reduce.Kind.MIN, axes, keepDims, without(t, x, max ? Float.NEGATIVE_INFINITY
                        : Float.POSITIVE_INFINITY)));
            }
            case MEAN -> mean(t, x, axes, keepDims);
            case VAR, STD -> {
                String centered = GeneralConfig.where(t, GeneralConfig.emit(t, new ActivationOp(IS_NAN), x),
                        GeneralConfig.scalar(t, 0f), GeneralConfig.elementwise(t, Elementwise.Kind.SUB, x,
                                mean(t, x, axes, true)));
                String var = GeneralConfig.elementwise(t, Elementwise.Kind.DIV, reduce(t, Reduce.Kind.SUM, axes,
                        keepDims, GeneralConfig.elementwise(t, Elementwise.Kind.MUL, centered, centered)),
                        count(t, x, axes, keepDims));
                yield form == Form.VAR ? var
                        : GeneralConfig.emit(t, new ActivationOp(Activation.of(Activation.Kind.SQRT)), var);
            }
        };
        return List.of(new KTensor(y, null));
    }

    /** Keras' nanmean: the sum of the numbers over their count (NaN where there are none). */
    private static String mean(Translation t, String x, long[] axes, boolean keepDims) {
        return GeneralConfig.elementwise(t, Elementwise.Kind.DIV,
                reduce(t, Reduce.Kind.SUM, axes, keepDims, without(t, x, 0f)), count(t, x, axes, keepDims));
    }

    /** How many values are not NaN. */
    private static String count(Translation t, String x, long[] axes, boolean keepDims) {
        return reduce(t, Reduce.Kind.SUM, axes, keepDims, GeneralConfig.elementwise(t, Elementwise.Kind.EQUAL, x, x));
    }

    /** x with NaN replaced by {@code value}. */
    private static String without(Translation t, String x, float value) {
        return NanToNumOperationTranslator.replace(t, x, IS_NAN, value);
    }

    private static String reduce(Translation t, Reduce.Kind kind, long[] axes, boolean keepDims, String x) {
        return GeneralConfig.emit(t, new Reduce(kind, axes, keepDims), x);
    }
}
