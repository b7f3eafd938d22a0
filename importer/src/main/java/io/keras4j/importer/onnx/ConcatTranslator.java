package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Concat;
import java.util.ArrayList;
import java.util.List;

/** ONNX Concat. */
final class ConcatTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        if (!node.has("axis")) {
            node.problem("attribute axis is required");
            return;
        }
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < node.inputCount(); i++) {
            inputs.add(node.input(i));
        }
        b.emit(node, new Concat(node.intAttr("axis", 0)), inputs, List.of(node.output(0)), b.type(node.input(0)));
    }
}
