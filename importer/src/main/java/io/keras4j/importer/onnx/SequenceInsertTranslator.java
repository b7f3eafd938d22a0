package io.keras4j.importer.onnx;

/**
 * ONNX SequenceInsert (a tensor of the sequence's element type at a position, at the end by default) and SequenceErase
 * (the element at a position, the last by default) on a sequence whose length is known at import; positions are
 * constants, negative ones counting from the end.
 */
final class SequenceInsertTranslator implements OpTranslator {
    private final boolean erase;

    /** @param erase true for SequenceErase, false for SequenceInsert */
    SequenceInsertTranslator(boolean erase) {
        this.erase = erase;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        SequenceValue s = Sequences.known(node, b, 0);
        if (s == null) {
            return;
        }
        int length = s.elements().size();
        if (erase) {
            Integer at = Sequences.position(node, b, 1, length, false, -1);
            if (at != null) {
                b.defineSequence(node.output(0), s.erased(at));
            }
            return;
        }
        String tensor = Args.required(node, 1, "tensor");
        if (tensor == null) {
            return;
        }
        if (!b.isTensor(tensor) || b.type(tensor) != s.elementType()) {
            node.problem("input 1 ('" + tensor + "') must be a tensor of the sequence's element type "
                    + DataTypes.name(s.elementType()));
            return;
        }
        Integer at = Sequences.position(node, b, 2, length, true, length);
        if (at != null) {
            b.defineSequence(node.output(0), s.inserted(at, tensor));
        }
    }
}
