package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import java.util.List;

/**
 * ONNX Runtime's QLinearSigmoid and QLinearLeakyRelu (com.microsoft; LeakyRelu's {@code alpha}, default 0.01): the
 * 8-bit X dequantized ({@code (x - zero)·scale}), the float operator, then quantized to Y as QuantizeLinear rounds; the
 * values of ONNX Runtime's 256-entry lookup table, which it builds the same way.
 */
final class QLinearActivationTranslator implements OpTranslator {
    private final String operator;

    /** @param operator the float ONNX operator of the default domain (Sigmoid, LeakyRelu) */
    QLinearActivationTranslator(String operator) {
        this.operator = operator;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        Activation function = ((ActivationTranslator) Translators.forOp(operator, "")).function(node, "");
        String in = Args.required(node, 0, "X");
        if (in == null || function == null) {
            return;
        }
        QLinear.Param x = QLinear.param(node, b, 1, 2, "X", b.type(in));
        QLinear.Param y = QLinear.param(node, b, 3, 4, "Y", b.type(in));
        if (x == null || y == null) {
            return;
        }
        String activated = b.fresh(node, "activated");
        if (b.emit(node, new ActivationOp(function), List.of(x.dequantized(node, b, in, node.input(1))), List.of(activated),
                DataTypes.FLOAT)) {
            y.quantize(node, b, activated, node.input(3), node.output(0));
        }
    }
}
