package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Einsum;
import java.util.List;

/** ONNX Einsum (opset 12): attribute equation (letters, one {@code ...} per term, an explicit or implicit output). */
final class EinsumTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String equation = node.stringAttr("equation", "");
        Einsum op;
        try {
            op = new Einsum(equation);
        } catch (IllegalArgumentException e) {
            node.problem(e.getMessage());
            return;
        }
        b.emit(node, op, node.inputs(), List.of(node.output(0)), b.type(node.input(0)));
    }
}
