package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.KerasVersion;
import io.keras4j.importer.keras.Weight;
import io.keras4j.runtime.ops.Op;
import java.util.List;

/** What a translator sees of the model being built: its inputs, its weights, and where to emit nodes. */
public interface Translation {
    /** The Keras version that wrote the file, for version-dependent meanings. */
    KerasVersion version();

    /** The tensors this call was applied to. */
    List<KTensor> inputs();

    /**
     * Whether the layer's call received its input's mask, so that the layer computes with it; the mask still
     * propagates to the outputs either way, as in Keras.
     */
    boolean maskPassed();

    /**
     * A keyword argument of this call as the file records it (for example {@code use_causal_mask}), or a missing node
     * where the call has none (always in Sequential models).
     */
    com.fasterxml.jackson.databind.JsonNode callArgument(String name);

    /**
     * The call's keyword arguments as the file records them, in its order (an operation's inputs are the tensors among
     * its positional arguments, then those among these), or a missing node where the call has none.
     */
    com.fasterxml.jackson.databind.JsonNode keywordArguments();

    /**
     * The call's positional arguments as a Keras 3 file records them (tensors, numbers, slices: what an operation such as
     * {@code x[:, -1]} or {@code 2.0 * x} was given), or a missing node where the file records none.
     */
    com.fasterxml.jackson.databind.JsonNode positionalArguments();

    /** The tensors given as initial_state, empty if none. */
    List<KTensor> initialState();

    /** The layer's stored weights, in Keras order. */
    List<Weight> weights();

    /** The declared shape of a graph value (-1 for dimensions known only at run time). */
    int[] shape(String value);

    /**
     * Adds a node computing {@code op} on {@code inputs} and returns the names of its outputs. On an op that
     * rejects its input shapes, records the problem and returns placeholder values.
     */
    List<String> emit(Op op, List<String> inputs);

    /**
     * Translates a layer held inside this one (the layer of a TimeDistributed or a Bidirectional) with the
     * translator of its own class, on the given inputs and weights; its problems name the inner layer.
     */
    List<KTensor> translateInner(io.keras4j.importer.keras.LayerSpec inner, List<KTensor> inputs,
                                 List<KTensor> initialState, List<Weight> weights);

    /**
     * Records that this call reads {@code masks} from the tensors that carry them at run time and, with {@code removes}, then
     * removes them, as Keras' MultiHeadAttention does; returns another call that reads one of them, or a mask computed from
     * one of them or one they are computed from, where either removes it (what the later one sees depends on the order
     * Keras runs them in, and a mask Keras derives after the removal is none), or null.
     */
    String readsMasks(List<String> masks, boolean removes);

    /**
     * Records that {@code mask} is a {@code (batch, time)} mask reduced with {@code any} from the {@code (batch, time,
     * steps)} mask Keras keeps whole on a TimeDistributed output whose wrapped layer dropped an axis of {@code steps}.
     */
    void reducedMask(String mask, int steps);

    /**
     * The steps a mask was reduced over (see {@link #reducedMask}; -1 when unknown, 1 for a kept {@code (batch, time, 1)}
     * mask), or 0 for any other mask.
     */
    int stepsReducedIn(String mask);

    /**
     * A stand-in output for a call that could not be translated (its problem already recorded): layers
     * fed from it are skipped rather than reporting follow-on errors.
     */
    KTensor unavailable();
}
