package io.keras4j.importer.onnx;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;

/**
 * ONNX MatMulInteger (what ONNX Runtime's {@code quantize_dynamic} makes of a Linear layer): {@code (A - a_zero_point) ·
 * (B - b_zero_point)} as int32, computed as a MatMul (a Dense op when B is a constant) of the differences. a_zero_point
 * one value; b_zero_point one value or one per column of B. Sums above 2^24 round as float32 sums do (ONNX Runtime's
 * are exact int32, then usually cast to float32).
 */
final class MatMulIntegerTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String a = Args.required(node, 0, "A");
        String right = Args.required(node, 1, "B");
        if (a == null || right == null) {
            return;
        }
        String aZero = node.input(2);
        if (!oneValue(node, b, aZero, "a_zero_point (one per row of A)")) {
            return;
        }
        String left = centred(node, b, a, aZero, "a_centred");
        String centredRight = centred(node, b, right, node.input(3), "b_centred");
        if (left != null && centredRight != null) {
            MatMulTranslator.product(node, b, left, centredRight, node.output(0), DataTypes.INT32);
        }
    }

    /** Whether zero point {@code zero} is absent or one value; else a problem naming it as {@code what}. */
    static boolean oneValue(OnnxNode node, OnnxGraphBuilder b, String zero, String what) {
        if (zero.isEmpty() || Shapes.product(b.shape(zero), 0, b.shape(zero).length) == 1) {
            return true;
        }
        node.problem(what + " of shape " + Shapes.toString(b.shape(zero)) + " is not supported: one value only");
        return false;
    }

    /** {@code x - zero} (x when there is no zero point), or null after a problem. */
    static String centred(OnnxNode node, OnnxGraphBuilder b, String x, String zero, String what) {
        if (zero.isEmpty()) {
            return x;
        }
        String out = b.fresh(node, what);
        return b.emit(node, new Elementwise(Elementwise.Kind.SUB), List.of(x, zero), List.of(out), DataTypes.INT32)
                ? out : null;
    }
}
