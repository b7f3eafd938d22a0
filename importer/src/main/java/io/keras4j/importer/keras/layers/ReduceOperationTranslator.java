package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.mean}, {@code sum}, {@code max} and {@code min}: {@code axis} (an int or a list, not the
 * batch axis; None, which reduces the batch too, is refused), {@code keepdims}; {@code initial} only None.
 */
final class ReduceOperationTranslator implements LayerTranslator {
    private final Reduce.Kind kind;

    ReduceOperationTranslator(Reduce.Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        if (kind == Reduce.Kind.MAX || kind == Reduce.Kind.MIN) {
            GeneralConfig.requireNull(config, "initial", "only None");
        }
        boolean keepDims = config.bool(false, "keepdims");
        long[] axes = OperationArguments.axes(config, t, x, "it reduces the batch axis too");
        return axes == null ? List.of(t.unavailable()) : GeneralConfig.dropMask(t, new Reduce(kind, axes, keepDims), x);
    }
}
