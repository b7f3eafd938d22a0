package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.mean}, {@code sum}, {@code max}, {@code min}, ... and, over truth values (nonzero, NaN
 * included, is true), {@code any} (the max of 1 and 0), {@code all} (the min) and {@code count_nonzero} (the sum);
 * {@code ptp}, the max minus the min, as Keras' TensorFlow backend computes it: {@code axis} (an int or a list, not the batch axis; None, which reduces the batch too, is refused), {@code keepdims};
 * {@code initial} only None.
 */
final class ReduceOperationTranslator implements LayerTranslator {
    private final Reduce.Kind kind;
    private final boolean truth;
    private final boolean range;

    private ReduceOperationTranslator(Reduce.Kind kind, boolean truth, boolean range) {
        this.kind = kind;
        this.truth = truth;
        this.range = range;
    }

    /** The reduction {@code kind} of the values. */
    static ReduceOperationTranslator of(Reduce.Kind kind) {
        return new ReduceOperationTranslator(kind, false, false);
    }

    /** {@code ptp}: the max minus the min. */
    static ReduceOperationTranslator ofRange() {
        return new ReduceOperationTranslator(Reduce.Kind.MAX, false, true);
    }

    /** The reduction {@code kind} of the values' truth, 1 or 0. */
    static ReduceOperationTranslator ofTruth(Reduce.Kind kind) {
        return new ReduceOperationTranslator(kind, true, false);
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        if (!truth && !range && (kind == Reduce.Kind.MAX || kind == Reduce.Kind.MIN)) {
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
        String y = GeneralConfig.emit(t, new Reduce(kind, axes, keepDims), in);
        if (range) {
            y = GeneralConfig.elementwise(t, Elementwise.Kind.SUB, y,
                    GeneralConfig.emit(t, new Reduce(Reduce.Kind.MIN, axes, keepDims), in));
        }
        return List.of(new KTensor(y, null));
    }
}
