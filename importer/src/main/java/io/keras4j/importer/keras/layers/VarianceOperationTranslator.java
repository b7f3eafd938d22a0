package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.var} and {@code keras.ops.std} as TensorFlow's reduce_variance computes them: the mean of the
 * squared deviations from the mean over {@code axis} (an int or a list, not the batch axis; None refused), then
 * (std) its square root; {@code keepdims}. keras4j sums in double where TensorFlow's float32 mean rounds, which shows
 * where the mean is large next to the spread (the std of a constant row of 1000.1 is 0 here, 4.3e-4 in TensorFlow).
 */
final class VarianceOperationTranslator implements LayerTranslator {
    private final boolean std;

    VarianceOperationTranslator(boolean std) {
        this.std = std;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        boolean keepDims = config.bool(false, "keepdims");
        long[] axes = OperationArguments.axes(config, t, x, "it reduces the batch axis too");
        if (axes == null) {
            return List.of(t.unavailable());
        }
        String mean = t.emit(new Reduce(Reduce.Kind.MEAN, axes, true), List.of(x.value())).get(0);
        String deviation = t.emit(new Elementwise(Elementwise.Kind.SUB), List.of(x.value(), mean)).get(0);
        String squared = t.emit(new Elementwise(Elementwise.Kind.MUL), List.of(deviation, deviation)).get(0);
        String variance = t.emit(new Reduce(Reduce.Kind.MEAN, axes, keepDims), List.of(squared)).get(0);
        String out = std ? t.emit(new ActivationOp(Activation.of(Activation.Kind.SQRT)), List.of(variance)).get(0) : variance;
        return List.of(new KTensor(out, null));
    }
}
