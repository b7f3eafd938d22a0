package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.Activation.Kind;
import io.keras4j.runtime.ops.ActivationOp;
import java.util.List;

/**
 * ONNX element-wise activations: Relu, Sigmoid, Tanh, Softsign, Softplus, and LeakyRelu (alpha 0.01),
 * Elu (alpha 1), HardSigmoid (alpha 0.2, beta 0.5) with their attributes.
 */
final class ActivationTranslator implements OpTranslator {
    private final Kind kind;

    ActivationTranslator(Kind kind) {
        this.kind = kind;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        Activation f;
        switch (kind) {
            case LEAKY_RELU:
                f = Activation.of(kind, node.floatAttr("alpha", 0.01f));
                break;
            case ELU:
                f = Activation.of(kind, node.floatAttr("alpha", 1f));
                break;
            case HARD_SIGMOID:
                f = Activation.of(kind, node.floatAttr("alpha", 0.2f), node.floatAttr("beta", 0.5f));
                break;
            default:
                f = Activation.of(kind);
        }
        String x = node.input(0);
        b.emit(node, new ActivationOp(f), List.of(x), List.of(node.output(0)), DataTypes.FLOAT);
    }
}
