package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Reduce;
import io.keras4j.runtime.ops.primitive.Unsqueeze;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.cdist(x, y)}: the Euclidean distances between the vectors in the last axis of x
 * {@code (batch, ..., m, d)} and those of y {@code (batch, ..., n, d)}, {@code (batch, ..., m, n)}, in the float32 steps
 * of Keras' TensorFlow backend: {@code sqrt(sum((x[..., :, None, :] - y[..., None, :, :])², axis=-1))}. Both tensors of
 * one rank, 3 or more (so that the vectors' axes are never the batch axis).
 */
final class CdistOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        List<KTensor> in = OperationArguments.leading(config, t, 2, 2, "two tensors, x and y");
        if (in == null) {
            return List.of(t.unavailable());
        }
        int rank = t.shape(in.get(0).value()).length;
        if (rank < 3 || t.shape(in.get(1).value()).length != rank) {
            config.problem("takes x of shape " + GeneralConfig.shapeText(t.shape(in.get(0).value())) + " and y of shape "
                    + GeneralConfig.shapeText(t.shape(in.get(1).value())) + "; keras4j needs tensors of one rank, 3 or"
                    + " more (the batch axis first)");
            return List.of(t.unavailable());
        }
        String x = GeneralConfig.emit(t, new Unsqueeze(new long[] {rank - 1}), in.get(0).value());
        String y = GeneralConfig.emit(t, new Unsqueeze(new long[] {rank - 2}), in.get(1).value());
        String diff = GeneralConfig.elementwise(t, Elementwise.Kind.SUB, x, y);
        String squares = GeneralConfig.elementwise(t, Elementwise.Kind.MUL, diff, diff);
        String sum = GeneralConfig.emit(t, new Reduce(Reduce.Kind.SUM, new long[] {rank}, false), squares);
        return List.of(new KTensor(GeneralConfig.emit(t, new ActivationOp(Activation.of(Activation.Kind.SQRT)), sum),
                null));
    }
}
