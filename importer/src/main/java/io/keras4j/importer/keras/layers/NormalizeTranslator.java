package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.normalize(x, axis, order, epsilon)} as Keras computes it: order 2 as
 * {@code x · min(rsqrt(Σ x²), 1 / epsilon)}, order 1 as {@code x / max(Σ |x|, epsilon)}, the sums over {@code axis} (an
 * int or a list, not None nor the batch axis); epsilon None is Keras' default, 1e-7. Other orders are refused.
 */
final class NormalizeTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        double order = config.number(2, "order");
        double epsilon = config.number(OperationArguments.KERAS_EPSILON, "epsilon");
        long[] axes = OperationArguments.axes(config, t, x, "it normalizes over the batch axis too");
        if (axes == null) {
            return List.of(t.unavailable());
        }
        if (order != 1 && order != 2) {
            config.problem("option order=" + config.raw("order") + " is not supported (1 or 2)");
            return List.of(t.unavailable());
        }
        boolean l2 = order == 2;
        String sum = GeneralConfig.emit(t, new Reduce(l2 ? Reduce.Kind.SUM_SQUARE : Reduce.Kind.L1, axes, true), x.value());
        String bounded;
        if (l2) {
            String inverse = GeneralConfig.emit(t, new ActivationOp(Activation.of(Activation.Kind.RSQRT)), sum);
            bounded = GeneralConfig.emit(t, new Elementwise(Elementwise.Kind.MIN), inverse, GeneralConfig.constant(t,
                    new float[] {(float) (1 / epsilon)}, new int[0]));
        } else {
            bounded = GeneralConfig.emit(t, new Elementwise(Elementwise.Kind.MAX), sum, GeneralConfig.constant(t,
                    new float[] {(float) epsilon}, new int[0]));
        }
        Elementwise scale = new Elementwise(l2 ? Elementwise.Kind.MUL : Elementwise.Kind.DIV);
        return List.of(new KTensor(GeneralConfig.emit(t, scale, x.value(), bounded), null));
    }
}
