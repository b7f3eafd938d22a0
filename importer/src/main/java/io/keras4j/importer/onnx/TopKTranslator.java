package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.TopK;
import java.util.List;

/**
 * ONNX TopK from opset 10: k an input, attributes axis, largest (opset 11) and sorted, which must be 1 (unsorted, ONNX
 * Runtime gives its heap's order); outputs values and int64 indices.
 */
final class TopKTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        if (node.intAttr("sorted", 1) != 1) {
            node.problem("attribute sorted=0 is not supported (ONNX Runtime then returns its own order)");
            return;
        }
        if (b.opset() < 10) {
            node.problem("opset " + b.opset() + " (k as an attribute) is not supported (opset 10 or later)");
            return;
        }
        TopK op = new TopK(Args.axis(node, -1), node.intAttr("largest", 1) != 0);
        List<String> outs = node.outputs().size() == 2 ? node.outputs() : List.of(node.output(0), node.name() + "/indices");
        b.emit(node, op, List.of(node.input(0), node.input(1)), outs, b.type(node.input(0)), DataTypes.INT64);
    }
}
