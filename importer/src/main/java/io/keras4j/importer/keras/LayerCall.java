package io.keras4j.importer.keras;

import java.util.List;

/**
 * One application of a layer in a model: the tensors it was called on and the tensors given as
 * {@code initial_state}.
 */
public record LayerCall(List<TensorRef> inputs, List<TensorRef> initialState) {
    public LayerCall {
        inputs = List.copyOf(inputs);
        initialState = List.copyOf(initialState);
    }
}
