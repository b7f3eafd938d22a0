package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;

/**
 * ONNX Runtime's QuickGelu (com.microsoft; {@code alpha} 1.702 by default) and ONNX Swish (opset 24; {@code alpha} 1 by
 * default): {@code x · sigmoid(alpha · x)}, in ONNX Runtime's float32 steps: a Mul by alpha (none when it is 1), a
 * Sigmoid, a Mul by x.
 */
final class QuickGeluTranslator implements OpTranslator {
    private final float defaultAlpha;

    QuickGeluTranslator(float defaultAlpha) {
        this.defaultAlpha = defaultAlpha;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        int type = b.type(x);
        float alpha = node.floatAttr("alpha", defaultAlpha);
        String scaled = x;
        if (alpha != 1f) {
            scaled = b.fresh(node, "scaled");
            if (!b.emit(node, new Elementwise(Elementwise.Kind.MUL), List.of(x, b.floats(node, "alpha", alpha)), List.of(scaled), type)) {
                return;
            }
        }
        String gate = b.fresh(node, "sigmoid");
        if (b.emit(node, new ActivationOp(Activation.of(Activation.Kind.SIGMOID)), List.of(scaled), List.of(gate), type)) {
            b.emit(node, new Elementwise(Elementwise.Kind.MUL), List.of(x, gate), List.of(node.output(0)), type);
        }
    }
}
