package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.mean}, {@code sum}, {@code max}, {@code min}, ... and, over truth values (nonzero, NaN
 * included, is true), {@code any} (the max of 1 and 0), {@code all} (the min) and {@code count_nonzero} (the sum):
 * {@code axis} (an int or a list, not the batch axis; None, which reduces the batch too, is refused), {@code keepdims};
 * {@code initial} only None.
 */
final class ReduceOperationTranslator implements LayerTranslator {
    private final Reduce.Kind kind;
    private final boolean truth;

    private ReduceOperationTranslator(Reduce.Kind kind, boolean truth) {
        this.kind = kind;
        this.truth = truth;
    }

    /** The reduction {@code kind} of the values. */
    static ReduceOperationTranslator of(Reduce.Kind kind) {
        return new ReduceOperationTranslator(kind, false);
    }

    /** The reduction {@code kind} of the values' truth, 1 or 0. */
    static ReduceOperationTranslator ofTruth(Reduce.Kind kind) {
        return new ReduceOperationTranslator(kind, true);
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        if (!truth && (kind == Reduce.Kind.MAX || kind == Reduce.Kind.MIN)) {
            GeneralConfig.requireNull(config, "initial", "only None");
        }
        boolean keepDims = config.bool(false, "keepdims");
        long[] axes = OperationArguments.axes(config, t, x, "it reduces the batch axis too");
        if (axes == null) {
            return List.of(t.unavailable());
        }
        String in = x.value();
        if (truth) {
            String zero = GeneralConfig.constant(t, new float[] {0f}, new int[0]);
            in = t.emit(new Elementwise(Elementwise.Kind.NOT_EQUAL), List.of(in, zero)).get(0);
        }
        return List.of(new KTensor(t.emit(new Reduce(kind, axes, keepDims), List.of(in)).get(0), null));
    }
}
