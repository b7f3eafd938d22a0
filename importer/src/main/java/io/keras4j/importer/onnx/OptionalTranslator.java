package io.keras4j.importer.onnx;

import java.util.List;

/**
 * The ONNX optional operators, where the optional's presence is known at import. Optional: holds its input (a tensor or a
 * sequence), or nothing without one ({@code type} then only names what it would hold). OptionalHasElement: a constant
 * bool, true for a present optional or (from opset 18) a tensor or sequence, false for an empty optional or a missing
 * input. OptionalGetElement: the element of a present optional, or (from opset 18) the tensor or sequence itself; an empty
 * optional is refused, as ONNX Runtime fails on it.
 */
final class OptionalTranslator implements OpTranslator {
    /** Which operator. */
    enum Kind { OPTIONAL, HAS_ELEMENT, GET_ELEMENT }

    private final Kind kind;

    OptionalTranslator(Kind kind) {
        this.kind = kind;
    }

    @Override
    public int requiredInputs() {
        return kind == Kind.GET_ELEMENT ? 1 : 0;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String in = node.input(0);
        String element = in.isEmpty() ? "" : b.optional(in);
        if (kind != Kind.OPTIONAL && element == null && b.opset() < 18) {
            node.problem("input '" + in + "' is not an optional; before opset 18 it must be one");
            return;
        }
        switch (kind) {
            case OPTIONAL -> {
                if (in.isEmpty() && !node.has("type")) {
                    node.problem("has neither an input nor attribute type");
                } else if (element != null && !in.isEmpty()) {
                    node.problem("input '" + in + "' is an optional; an optional holds a tensor or a sequence");
                } else {
                    node.has("type");
                    b.defineOptional(node.output(0), in);
                }
            }
            case HAS_ELEMENT -> b.defineConstant(node.output(0), OnnxTensor.ofLongs(DataTypes.BOOL, new int[0],
                    new long[] {element == null || !element.isEmpty() ? 1 : 0}));
            case GET_ELEMENT -> {
                if (element != null && element.isEmpty()) {
                    node.problem("the optional '" + in + "' holds no element (ONNX Runtime fails on it at run time)");
                } else {
                    b.alias(node, element == null ? in : element, node.output(0));
                }
            }
        }
    }
}
