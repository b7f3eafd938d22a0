package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.ops.primitive.Requantize;

/**
 * ONNX QLinearMatMul (ONNX Runtime's QOperator format): {@code (a - a_zero_point)·(b - b_zero_point)} as MatMulInteger
 * computes it (b's zero point one value or one per column), requantized as ONNX Runtime does: the sum times
 * {@code a_scale·b_scale / y_scale} (one per column when b_scale is) in float32, rounded half to even, plus
 * y_zero_point, saturated. Sums are float32 sums, exact while they stay below 2^24.
 */
final class QLinearMatMulTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String left = Args.required(node, 0, "a");
        String right = Args.required(node, 3, "b");
        if (left == null || right == null) {
            return;
        }
        QLinear.Param a = QLinear.param(node, b, 1, 2, "a", b.type(left));
        QLinear.Param y = QLinear.param(node, b, 6, 7, "y", DataType.UINT8_VALUE);
        float[] bScale = QLinear.scales(node, b, 4, "b_scale");
        if (a == null || y == null || bScale == null) {
            return;
        }
        int[] rs = b.shape(right);
        int columns = rs.length == 0 ? 1 : rs[rs.length - 1];
        if (bScale.length != 1 && bScale.length != columns) {
            node.problem("b_scale must be one value or one per column of b (" + columns + "), got " + bScale.length);
            return;
        }
        String centredLeft = a.centred(node, b, left, "a_centred");
        String centredRight = MatMulIntegerTranslator.centred(node, b, right, node.input(5), "b_centred");
        if (centredLeft == null || centredRight == null) {
            return;
        }
        String sum = b.fresh(node, "sum");
        MatMulTranslator.product(node, b, centredLeft, centredRight, sum, DataTypes.INT32);
        if (b.isDefined(sum)) {
            QLinear.requantize(node, b, sum, QLinear.ratios(a.scale(), bScale, y.scale()), -1, y,
                    Requantize.Kind.SCALE_ROUND_OFFSET, node.output(0));
        }
    }
}
