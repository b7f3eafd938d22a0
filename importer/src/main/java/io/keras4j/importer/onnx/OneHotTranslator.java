package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.OneHot;
import java.util.List;

/**
 * ONNX OneHot (opset 9; torch's F.one_hot): constant depth and values ({@code [off, on]}), attribute axis; negative ids
 * in {@code [-depth, 0)} count from the end, others outside {@code [0, depth)} give all off.
 */
final class OneHotTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        OnnxTensor depth = Args.constant(node, b, 1, "depth");
        OnnxTensor values = Args.constant(node, b, 2, "values");
        if (depth == null || values == null) {
            return;
        }
        float[] d = depth.floats();
        float[] v = values.floats();
        if (d.length != 1 || d[0] < 1 || d[0] > 1 << 24 || v.length != 2) {
            node.problem("depth " + depth + " must be one value in [1, 2^24] and values " + values + " two");
            return;
        }
        OneHot op = new OneHot((int) d[0], Args.axis(node, -1), true, v[0], v[1]);
        b.emit(node, op, List.of(node.input(0)), List.of(node.output(0)), values.elemType());
    }
}
