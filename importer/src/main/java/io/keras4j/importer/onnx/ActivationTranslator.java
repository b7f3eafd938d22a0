package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.Activation.Kind;
import io.keras4j.runtime.ops.ActivationOp;
import java.util.List;

/**
 * ONNX element-wise functions: Relu, Sigmoid, Tanh, Softsign, Softplus, Exp, Erf, Sqrt, Neg, Abs, Log, Reciprocal,
 * Floor, Ceil, Round, Sign, HardSwish, Mish, Sin, Cos, Tan, Asin, Acos, Atan, Sinh, Cosh, Asinh, Acosh and Atanh, and
 * with their attributes LeakyRelu (alpha 0.01), Elu and Celu (alpha 1), ThresholdedRelu (alpha 1), HardSigmoid (alpha
 * 0.2, beta 0.5), Gelu (approximate none or tanh) and Selu (only its default alpha and gamma, which are Keras'
 * constants). The result has the input's element type, except IsNaN's and IsInf's (detect_negative, detect_positive),
 * which are bool.
 */
final class ActivationTranslator implements OpTranslator {
    private static final float SELU_ALPHA = 1.67326319217681884765625f;
    private static final float SELU_GAMMA = 1.05070102214813232421875f;

    private final Kind kind;
    private final Activation fixed;

    /** A function whose parameters, if any, are the node's attributes. */
    ActivationTranslator(Kind kind) {
        this.kind = kind;
        this.fixed = null;
    }

    /** A function without attributes (Neg is {@code affine(-1, 0)}). */
    ActivationTranslator(Activation fixed) {
        this.kind = fixed.kind();
        this.fixed = fixed;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        Activation f = function(node, "");
        if (f != null) {
            boolean test = kind == Kind.IS_NAN || kind == Kind.IS_INF;
            b.emit(node, new ActivationOp(f), List.of(node.input(0)), List.of(node.output(0)),
                    test ? DataType.BOOL_VALUE : b.type(node.input(0)));
        }
    }

    /**
     * The function with its parameters read from the node's attributes named {@code prefix} + the operator's own
     * ({@code alpha}, ...), as FusedGemm names its activation's ({@code activation_alpha}); null after a problem.
     */
    Activation function(OnnxNode node, String prefix) {
        if (fixed != null) {
            return fixed;
        }
        switch (kind) {
            case LEAKY_RELU:
                return Activation.of(kind, node.floatAttr(prefix + "alpha", 0.01f));
            case ELU:
            case CELU:
            case THRESHOLDED_RELU:
                return Activation.of(kind, node.floatAttr(prefix + "alpha", 1f));
            case HARD_SIGMOID:
                return Activation.of(kind, node.floatAttr(prefix + "alpha", 0.2f), node.floatAttr(prefix + "beta", 0.5f));
            case SELU:
                return selu(node, prefix);
            case GELU:
                return gelu(node, prefix);
            case IS_INF:
                return isInf(node, prefix);
            default:
                return Activation.of(kind);
        }
    }

    /** IsInf: which infinities count, {@code detect_negative} and {@code detect_positive} (1 or 0, both 1 by default). */
    private static Activation isInf(OnnxNode node, String prefix) {
        long negative = node.intAttr(prefix + "detect_negative", 1);
        long positive = node.intAttr(prefix + "detect_positive", 1);
        if ((negative & ~1L) != 0 || (positive & ~1L) != 0) {
            node.problem("attributes detect_negative=" + negative + ", detect_positive=" + positive + " must be 0 or 1");
            return null;
        }
        return Activation.of(Kind.IS_INF, negative, positive);
    }

    /** Gelu (opset 20): {@code approximate} none (the error function) or tanh. */
    private static Activation gelu(OnnxNode node, String prefix) {
        String approximate = node.stringAttr(prefix + "approximate", "none");
        switch (approximate) {
            case "none":
                return Activation.of(Kind.GELU);
            case "tanh":
                return Activation.of(Kind.GELU_TANH);
            default:
                node.problem("attribute " + prefix + "approximate='" + approximate + "' is not none or tanh");
                return null;
        }
    }

    private static Activation selu(OnnxNode node, String prefix) {
        float alpha = node.floatAttr(prefix + "alpha", SELU_ALPHA);
        float gamma = node.floatAttr(prefix + "gamma", SELU_GAMMA);
        if (alpha != SELU_ALPHA || gamma != SELU_GAMMA) {
            node.problem("Selu with alpha=" + alpha + ", gamma=" + gamma + " is not supported (only the defaults)");
            return null;
        }
        return Activation.of(Kind.SELU);
    }
}
