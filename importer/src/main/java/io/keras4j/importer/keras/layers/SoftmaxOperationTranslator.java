package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Softmax;
import java.util.List;

/** Keras 3 {@code keras.ops.softmax} and {@code keras.ops.log_softmax}: {@code axis} (an int or a list; not the batch). */
final class SoftmaxOperationTranslator implements LayerTranslator {
    private final boolean log;

    SoftmaxOperationTranslator(boolean log) {
        this.log = log;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        int[] axes = x == null ? null : GeneralConfig.axes(config, t.shape(x.value()).length, false);
        if (axes == null) {
            return List.of(t.unavailable());
        }
        int rank = t.shape(x.value()).length;
        return GeneralConfig.dropMask(t, log ? Softmax.log(rank, axes) : new Softmax(rank, axes, false), x);
    }
}
