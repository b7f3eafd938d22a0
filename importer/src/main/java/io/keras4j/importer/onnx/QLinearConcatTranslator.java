package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.ops.primitive.Concat;
import java.util.ArrayList;
import java.util.List;

/**
 * ONNX Runtime's QLinearConcat (com.microsoft): inputs Y_scale, Y_zero_point, then each tensor with its scale and zero
 * point; an input quantized as Y is taken as it is, another dequantized and quantized to Y as ONNX Runtime's lookup
 * table does ({@code (x - zero)·scale}, then QuantizeLinear's rounding), then Concat along {@code axis}.
 */
final class QLinearConcatTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        long axis = node.intAttr("axis", 0);
        QLinear.Param y = QLinear.param(node, b, 0, 1, "Y", DataType.UINT8_VALUE);
        int count = node.inputCount() - 2;
        if (y == null) {
            return;
        }
        if (count < 3 || count % 3 != 0) {
            node.problem("takes Y_scale, Y_zero_point and then a tensor, its scale and its zero point for each input, got "
                    + node.inputCount() + " inputs");
            return;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 2; i < node.inputCount(); i += 3) {
            String x = Args.required(node, i, "X");
            QLinear.Param p = x == null ? null : QLinear.param(node, b, i + 1, i + 2, "X" + (i - 2) / 3, b.type(x));
            if (p == null) {
                return;
            }
            if (p.scale() == y.scale() && p.zero() == y.zero()) {
                parts.add(x);
                continue;
            }
            String requantized = b.fresh(node, "requantized");
            y.quantize(node, b, p.dequantized(node, b, x, node.input(i + 1)), node.input(0), requantized);
            parts.add(requantized);
        }
        b.emit(node, new Concat(axis), parts, List.of(node.output(0)), y.type());
    }
}
