package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.ShapeOf;
import java.util.List;

/** ONNX Shape (start and end from opset 15). */
final class ShapeTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        ShapeOf op = new ShapeOf(node.intAttr("start", 0), node.intAttr("end", Long.MAX_VALUE));
        b.emit(node, op, List.of(node.input(0)), List.of(node.output(0)), DataTypes.INT64);
    }
}
