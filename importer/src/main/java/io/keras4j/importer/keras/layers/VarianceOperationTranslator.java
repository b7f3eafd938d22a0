package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Reduce;
import io.keras4j.runtime.ops.primitive.Squeeze;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.var} and {@code keras.ops.std} as TensorFlow's reduce_variance computes them, and
 * {@code keras.ops.moments} as {@code tf.nn.moments} does: the mean of the squared deviations from the mean over
 * {@code axis} ({@code axes} for moments; an int or a list, not the batch axis; None refused), then (std) its square root
 * or (moments) the mean and it; {@code keepdims}; moments' {@code synchronized}, which changes nothing without a
 * distribution strategy (Keras then computes the same moments). keras4j sums in double where TensorFlow's float32 mean rounds, which shows
 * where the mean is large next to the spread (the std of a constant row of 1000.1 is 0 here, 4.3e-4 in TensorFlow).
 */
final class VarianceOperationTranslator implements LayerTranslator {
    /** What the translator gives. */
    enum Form {
        VAR, STD, MOMENTS
    }

    private final Form form;

    VarianceOperationTranslator(Form form) {
        this.form = form;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        boolean keepDims = config.bool(false, "keepdims");
        if (form == Form.MOMENTS) {
            config.bool(false, "synchronized");
        }
        long[] axes = OperationArguments.axes(config, form == Form.MOMENTS ? "axes" : "axis", t, x,
                "it reduces the batch axis too");
        if (axes == null) {
            return List.of(t.unavailable());
        }
        String[] moments = moments(t, x.value(), axes, keepDims);
        String mean = moments[0];
        String variance = moments[1];
        if (form == Form.MOMENTS) {
            String m = keepDims ? mean : t.emit(new Squeeze(axes), List.of(mean)).get(0);
            return List.of(new KTensor(m, null), new KTensor(variance, null));
        }
        String out = form == Form.STD ? t.emit(new ActivationOp(Activation.of(Activation.Kind.SQRT)), List.of(variance))
                .get(0) : variance;
        return List.of(new KTensor(out, null));
    }

    /**
     * Emits the mean of {@code x} over {@code axes} (the axes kept) and the mean of the squared deviations from it (the
     * axes kept where {@code keepDims}), as {@code tf.nn.moments}; returns both values.
     */
    static String[] moments(Translation t, String x, long[] axes, boolean keepDims) {
        String mean = GeneralConfig.emit(t, new Reduce(Reduce.Kind.MEAN, axes, true), x);
        String deviation = GeneralConfig.elementwise(t, Elementwise.Kind.SUB, x, mean);
        String squared = GeneralConfig.elementwise(t, Elementwise.Kind.MUL, deviation, deviation);
        return new String[] {mean, GeneralConfig.emit(t, new Reduce(Reduce.Kind.MEAN, axes, keepDims), squared)};
    }
}
