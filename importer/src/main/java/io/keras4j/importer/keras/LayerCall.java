package io.keras4j.importer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;

/**
 * One application of a layer in a model: the tensors it was called on, the tensors given as
 * {@code initial_state}, and the tensor given as {@code mask}, if any. Keras 3 records the masks it
 * derives itself (Masking, Embedding with mask_zero) as {@code mask} arguments computed by operation
 * nodes; keras4j derives the same masks itself, but applies them only where Keras passed one.
 *
 * @param maskPassed whether the layer's call received the mask of its input: always in Sequential models and
 *                   Keras 1/2 files; in Keras 3 functional configs where the node records a {@code mask} argument,
 *                   null or not (Keras 3 records none, and passes none, for example, to an RNN called with
 *                   initial_state)
 * @param kwargs     the call's keyword arguments as the file records them (for options such as {@code use_causal_mask});
 *                   a missing node where it records none (Sequential models)
 * @param maskConcatenations the Concatenates in the operations that compute {@code mask} (see {@link DerivedMasks})
 * @param args       the call's positional arguments as a Keras 3 file records them (tensors, numbers, slices); a
 *                   missing node in other files
 */
public record LayerCall(List<TensorRef> inputs, List<TensorRef> initialState, TensorRef mask, boolean maskPassed,
                        JsonNode kwargs, List<RecordedConcatenation> maskConcatenations, JsonNode args) {
    public LayerCall(List<TensorRef> inputs, List<TensorRef> initialState) {
        this(inputs, initialState, null, true, MissingNode.getInstance(), List.of(), MissingNode.getInstance());
    }

    /** This call with its mask argument dropped. */
    LayerCall withoutMask() {
        return new LayerCall(inputs, initialState, null, maskPassed, kwargs, List.of(), args);
    }

    /** This call with the Concatenates found in its mask's operations. */
    LayerCall withMaskConcatenations(List<RecordedConcatenation> concatenations) {
        return new LayerCall(inputs, initialState, mask, maskPassed, kwargs, concatenations, args);
    }

    public LayerCall {
        inputs = List.copyOf(inputs);
        initialState = List.copyOf(initialState);
        maskConcatenations = List.copyOf(maskConcatenations);
    }
}
