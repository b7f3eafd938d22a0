package io.keras4j.importer.keras;

import java.util.List;

/**
 * A Concatenate's mask as Keras 3 recorded it in a functional config ({@code Any(Concatenate(parts), axis=-1)}): which
 * of the concatenated tensors it counts as masked. Keras records the masks the tensors had while the model was built,
 * when a nested model's output has none; at run time that output carries the mask its layers computed, which keras4j
 * gives it too, but the recorded operations still count it as unmasked.
 *
 * @param axis   the concatenation axis as recorded (negative from the end)
 * @param parts  the concatenated tensors, in order
 * @param masked whether the record counts part k as masked
 * @param whole  whether this concatenation's {@code Any} is the call's whole mask (not a part of a larger one)
 */
record RecordedConcatenation(int axis, List<TensorRef> parts, List<Boolean> masked, boolean whole) {
    RecordedConcatenation {
        parts = List.copyOf(parts);
        masked = List.copyOf(masked);
    }
}
