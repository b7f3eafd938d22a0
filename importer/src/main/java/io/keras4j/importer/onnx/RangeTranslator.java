package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Range;
import java.util.List;

/** ONNX Range (opset 11): start, limit and delta scalars, computed or constant; the output has their element type. */
final class RangeTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String start = Args.required(node, 0, "start");
        String limit = Args.required(node, 1, "limit");
        String delta = Args.required(node, 2, "delta");
        if (start != null && limit != null && delta != null) {
            b.emit(node, new Range(), List.of(start, limit, delta), List.of(node.output(0)), b.type(start));
        }
    }
}
