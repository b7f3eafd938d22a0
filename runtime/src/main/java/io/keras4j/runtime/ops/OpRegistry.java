package io.keras4j.runtime.ops;

import java.util.Map;
import java.util.function.Function;

/** Rebuilds ops from their {@link OpSpec}, for the native model file. */
public final class OpRegistry {
    private static final Map<String, Function<OpSpec, Op>> FACTORIES = Map.ofEntries(
            Map.entry("LSTM", Lstm::fromSpec),
            Map.entry("GRU", Gru::fromSpec),
            Map.entry("SimpleRNN", SimpleRnn::fromSpec),
            Map.entry("Bidirectional", BidirectionalMerge::fromSpec),
            Map.entry("Dense", Dense::fromSpec),
            Map.entry("Activation", ActivationOp::fromSpec),
            Map.entry("Identity", Identity::fromSpec),
            Map.entry("MergeBatchTime", s -> new MergeBatchTime()),
            Map.entry("SplitBatchTime", s -> new SplitBatchTime()));

    private OpRegistry() {
    }

    /**
     * The op a spec describes.
     *
     * @throws IllegalArgumentException for an unknown type or a spec whose attributes or weights do not fit it
     */
    public static Op create(OpSpec spec) {
        Function<OpSpec, Op> factory = FACTORIES.get(spec.type());
        if (factory == null) {
            throw new IllegalArgumentException("unknown op type '" + spec.type() + "'");
        }
        try {
            return factory.apply(spec);
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("op " + spec.type() + " has attributes of the wrong kind: " + spec, e);
        }
    }
}
