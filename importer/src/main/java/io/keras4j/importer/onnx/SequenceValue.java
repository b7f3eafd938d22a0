package io.keras4j.importer.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * An ONNX sequence resolved at import: the values of its elements, in order (its length known at import), or, for one
 * whose length is known only at run time, a tensor {@code stacked} whose axis 0 enumerates its elements (what a Loop
 * appending to a sequence gives, rewritten by {@link AppendedSequences}).
 *
 * @param elementType the ONNX element type of its tensors
 * @param elements    the elements' values; empty when stacked
 * @param stacked     the stacked tensor, or null
 */
record SequenceValue(int elementType, List<String> elements, String stacked) {
    SequenceValue {
        elements = List.copyOf(elements);
    }

    /** A sequence of the given elements. */
    static SequenceValue of(int elementType, List<String> elements) {
        return new SequenceValue(elementType, elements, null);
    }

    /** The sequence whose elements are the rows (along axis 0) of {@code stacked}. */
    static SequenceValue stacking(int elementType, String stacked) {
        return new SequenceValue(elementType, List.of(), stacked);
    }

    /** Whether its length is known at import. */
    boolean isStatic() {
        return stacked == null;
    }

    /** The values it is made of: its elements, or the stacked tensor. */
    List<String> values() {
        return isStatic() ? elements : List.of(stacked);
    }

    /** This sequence with {@code element} at {@code position} (0 to its length). */
    SequenceValue inserted(int position, String element) {
        List<String> e = new ArrayList<>(elements);
        e.add(position, element);
        return of(elementType, e);
    }

    /** This sequence without the element at {@code position}. */
    SequenceValue erased(int position) {
        List<String> e = new ArrayList<>(elements);
        e.remove(position);
        return of(elementType, e);
    }
}
