package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Reshape;
import java.util.List;

/**
 * ONNX Reshape (allowzero from opset 14); the target shape may be computed at run time. A target that is another tensor's
 * whole Shape (torch's dynamo exporter ends GroupNorm so) gives that tensor's dimensions known at import.
 */
final class ReshapeTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String shape = Args.required(node, 1, "shape");
        if (shape != null) {
            Reshape op = new Reshape(node.intAttr("allowzero", 0) != 0);
            String source = b.isConstant(shape) ? null : b.shapeSource(shape);
            if (b.emit(node, op, List.of(node.input(0), shape), List.of(node.output(0)), b.type(node.input(0)))
                    && source != null) {
                b.sameShapeAs(node.output(0), source);
            }
        }
    }
}
