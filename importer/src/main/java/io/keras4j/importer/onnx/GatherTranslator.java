package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Gather;
import java.util.List;

/** ONNX Gather. */
final class GatherTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String indices = Args.required(node, 1, "indices");
        if (indices != null) {
            b.emit(node, new Gather(node.intAttr("axis", 0)), List.of(node.input(0), indices), List.of(node.output(0)),
                    b.type(node.input(0)));
        }
    }
}
