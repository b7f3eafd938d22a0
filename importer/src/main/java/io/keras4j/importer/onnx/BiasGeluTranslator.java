package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;

/**
 * ONNX Runtime's BiasGelu and FastGelu (com.microsoft): Gelu of {@code A + bias}, with the error function (BiasGelu) or
 * the tanh approximation (FastGelu, whose bias is optional); the bias 1-D, of the length of A's last axis, as ONNX
 * Runtime requires. An Add, then the activation, as ONNX Runtime computes them (the float32 sum, then the function).
 */
final class BiasGeluTranslator implements OpTranslator {
    private final Activation.Kind kind;
    private final int requiredInputs;

    /** @param requiredInputs 2 where the bias is required */
    BiasGeluTranslator(Activation.Kind kind, int requiredInputs) {
        this.kind = kind;
        this.requiredInputs = requiredInputs;
    }

    @Override
    public int requiredInputs() {
        return requiredInputs;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        if (!node.input(1).isEmpty()) {
            String sum = b.fresh(node, "biased");
            if (!addBias(node, b, x, 1, sum)) {
                return;
            }
            x = sum;
        }
        b.emit(node, new ActivationOp(Activation.of(kind)), List.of(x), List.of(node.output(0)), b.type(x));
    }

    /**
     * Emits {@code out = x + bias}, the bias input {@code i} of ONNX Runtime's fused operators: 1-D, of the length of x's
     * last axis (known at import); false after a problem.
     */
    static boolean addBias(OnnxNode node, OnnxGraphBuilder b, String x, int i, String out) {
        String bias = node.input(i);
        int[] xs = b.shape(x);
        int[] bs = b.shape(bias);
        if (xs.length == 0 || xs[xs.length - 1] < 0 || bs.length != 1 || bs[0] != xs[xs.length - 1]) {
            node.problem("input " + i + " ('" + bias + "') must be 1-D, of the length of the last axis of input '" + node.input(0)
                    + "', known at import; shapes " + io.keras4j.runtime.Shapes.toString(bs) + " and "
                    + io.keras4j.runtime.Shapes.toString(xs));
            return false;
        }
        return b.emit(node, new Elementwise(Elementwise.Kind.ADD), List.of(x, bias), List.of(out), b.type(x));
    }
}
