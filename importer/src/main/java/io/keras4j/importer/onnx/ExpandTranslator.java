package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Expand;
import java.util.List;

/** ONNX Expand. */
final class ExpandTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String shape = Args.required(node, 1, "shape");
        if (shape != null) {
            b.emit(node, new Expand(), List.of(node.input(0), shape), List.of(node.output(0)), b.type(node.input(0)));
        }
    }
}
