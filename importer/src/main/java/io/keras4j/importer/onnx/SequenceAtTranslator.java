package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Gather;
import java.util.List;

/**
 * ONNX SequenceAt: of a sequence known at import, the element at a constant position (negative from the end); of one
 * whose length is known only at run time, a Gather along the stacked tensor's axis 0 at the position, constant or not.
 */
final class SequenceAtTranslator implements OpTranslator {
    @Override
    public int requiredInputs() {
        return 2;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        SequenceValue s = Sequences.input(node, b, 0);
        if (s == null) {
            return;
        }
        if (!s.isStatic()) {
            b.emit(node, new Gather(0), List.of(s.stacked(), node.input(1)), List.of(node.output(0)), s.elementType());
            return;
        }
        Integer at = Sequences.position(node, b, 1, s.elements().size(), false, 0);
        if (at != null) {
            b.alias(node, s.elements().get(at), node.output(0));
        }
    }
}
