package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Dense;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Requantize;
import java.util.List;

/**
 * ONNX Runtime's QGemm (com.microsoft, its QOperator format's Gemm): a Dense op of {@code A - a_zero_point} (A 2-D, not
 * transposed) by the constant {@code B - b_zero_point} (transposed when transB; one zero point or one per column) plus
 * the int32 C (shape [N], [1, N] or one value), then, with y_scale, requantized as ONNX Runtime does (the sum times
 * {@code alpha·a_scale·b_scale / y_scale} in float32, rounded half to even, plus y_zero_point, saturated), or without
 * it, the float {@code sum·(alpha·a_scale·b_scale)}. Sums are float32 sums, exact while they stay below 2^24.
 */
final class QGemmTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        float alpha = node.floatAttr("alpha", 1f);
        boolean transB = node.intAttr("transB", 0) != 0;
        if (node.intAttr("transA", 0) != 0) {
            node.problem("attribute transA=1 is not supported");
            return;
        }
        String in = Args.required(node, 0, "A");
        if (in == null) {
            return;
        }
        if (b.shape(in).length != 2) {
            node.problem("A must be 2-D, got shape " + Shapes.toString(b.shape(in)));
            return;
        }
        QLinear.Param a = QLinear.param(node, b, 1, 2, "a", b.type(in));
        float[] bScale = QLinear.scales(node, b, 4, "b_scale");
        OnnxTensor w = Args.constant(node, b, 3, "B");
        OnnxTensor bZero = node.input(5).isEmpty() ? null : Args.constant(node, b, 5, "b_zero_point");
        OnnxTensor c = node.input(6).isEmpty() ? null : Args.constant(node, b, 6, "C");
        boolean quantized = !node.input(7).isEmpty();
        QLinear.Param y = quantized ? QLinear.param(node, b, 7, 8, "y", DataType.UINT8_VALUE) : null;
        if (a == null || bScale == null || w == null || !node.input(5).isEmpty() && bZero == null
                || !node.input(6).isEmpty() && c == null || quantized && y == null) {
            return;
        }
        int[] ws = w.shape();
        if (ws.length != 2) {
            node.problem("B must be 2-D, got " + w);
            return;
        }
        int depth = transB ? ws[1] : ws[0];
        int units = transB ? ws[0] : ws[1];
        float[] z = bZero == null ? new float[] {0f} : bZero.floats();
        if (z.length != 1 && z.length != units || bScale.length != 1 && bScale.length != units) {
            node.problem("b_scale and b_zero_point must be one value or one per column (" + units + "), got "
                    + bScale.length + " and " + z.length);
            return;
        }
        float[] kernel = GemmTranslator.kernel(w.floats(), depth, units, transB);
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] -= z[z.length == 1 ? 0 : i % units];
        }
        float[] bias = c == null ? null : MatMulTranslator.rowBias(node, c, units, 1f);
        String centred = a.centred(node, b, in, "a_centred");
        if (c != null && bias == null || centred == null) {
            return;
        }
        String sum = b.fresh(node, "sum");
        if (!b.emit(node, new Dense(depth, units, kernel, bias, Activation.of(Activation.Kind.LINEAR)), List.of(centred),
                List.of(sum), DataTypes.INT32)) {
            return;
        }
        // ONNX Runtime: alpha·a_scale·b_scale, then divided by y_scale
        float[] scales = new float[bScale.length];
        for (int i = 0; i < scales.length; i++) {
            scales[i] = alpha * a.scale() * bScale[i];
            if (quantized) {
                scales[i] /= y.scale();
            }
        }
        if (quantized) {
            QLinear.requantize(node, b, sum, scales, -1, y, Requantize.Kind.SCALE_ROUND_OFFSET, node.output(0));
            return;
        }
        b.emit(node, new Elementwise(Elementwise.Kind.MUL), List.of(sum, b.floats(node, "scale", scales)),
                List.of(node.output(0)), DataTypes.FLOAT);
    }
}
