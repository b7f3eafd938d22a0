package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.ArgExtreme;
import java.util.List;

/** ONNX ArgMax and ArgMin: attributes axis (default 0), keepdims (default 1), select_last_index (opset 12); int64 output. */
final class ArgExtremeTranslator implements OpTranslator {
    private final boolean max;

    ArgExtremeTranslator(boolean max) {
        this.max = max;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        ArgExtreme op = new ArgExtreme(max, Args.axis(node, 0), node.intAttr("keepdims", 1) != 0,
                node.intAttr("select_last_index", 0) != 0, false);
        b.emit(node, op, List.of(node.input(0)), List.of(node.output(0)), DataTypes.INT64);
    }
}
