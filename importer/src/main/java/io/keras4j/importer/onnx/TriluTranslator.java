package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Trilu;
import java.util.List;

/** ONNX Trilu (opset 14): attribute upper (default 1) and a constant scalar k (default 0). */
final class TriluTranslator implements OpTranslator {
    /** Beyond any matrix keras4j holds: every entry lies on one side. */
    private static final long LIMIT = 1L << 30;

    /** A diagonal offset clamped to where it still means the same for any matrix keras4j holds. */
    static int clampK(long k) {
        return (int) Math.max(-LIMIT, Math.min(LIMIT, k));
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        boolean upper = node.intAttr("upper", 1) != 0;
        long k = 0;
        if (!node.input(1).isEmpty()) {
            OnnxTensor t = Args.constant(node, b, 1, "k");
            long[] v = t == null ? null : Args.ints(node, t, "k");
            if (v == null) {
                return;
            }
            if (v.length != 1) {
                node.problem("k must be a scalar, got " + t);
                return;
            }
            k = v[0];
        }
        b.emit(node, new Trilu(upper, clampK(k)), List.of(node.input(0)), List.of(node.output(0)), b.type(node.input(0)));
    }
}
