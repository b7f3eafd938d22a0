package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Flatten;
import java.util.List;

/** ONNX Flatten. */
final class FlattenTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        b.emit(node, new Flatten(node.intAttr("axis", 1)), List.of(x), List.of(node.output(0)), b.type(x));
    }
}
