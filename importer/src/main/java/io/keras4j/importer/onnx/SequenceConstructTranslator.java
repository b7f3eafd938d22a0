package io.keras4j.importer.onnx;

/** ONNX SequenceConstruct (a sequence of its inputs, of one element type) and SequenceEmpty ({@code dtype}, float by default). */
final class SequenceConstructTranslator implements OpTranslator {
    @Override
    public int requiredInputs() {
        return 0;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        if (node.opType().equals("SequenceEmpty")) {
            b.defineSequence(node.output(0), SequenceValue.of((int) node.intAttr("dtype", DataTypes.FLOAT), java.util.List.of()));
            return;
        }
        if (node.inputCount() == 0) {
            node.problem("has no inputs; SequenceConstruct takes one or more tensors");
            return;
        }
        int type = b.type(node.input(0));
        for (String in : node.inputs()) {
            if (!b.isTensor(in) || b.type(in) != type) {
                node.problem("input '" + in + "' is not a tensor of " + DataTypes.name(type) + ", as input 0 is; a sequence"
                        + " holds tensors of one element type");
                return;
            }
        }
        b.defineSequence(node.output(0), SequenceValue.of(type, node.inputs()));
    }
}
