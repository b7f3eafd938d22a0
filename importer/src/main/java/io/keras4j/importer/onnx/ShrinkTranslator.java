package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.Activation.Kind;
import io.keras4j.runtime.ops.ActivationOp;
import java.util.List;

/** ONNX Shrink with bias 0 (hard_shrink) or bias = lambd (soft_shrink). */
final class ShrinkTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        float lambd = node.floatAttr("lambd", 0.5f);
        float bias = node.floatAttr("bias", 0f);
        Activation f;
        if (bias == 0f) {
            f = Activation.of(Kind.HARD_SHRINK, lambd);
        } else if (bias == lambd) {
            f = Activation.of(Kind.SOFT_SHRINK, lambd);
        } else {
            node.problem("Shrink with bias=" + bias + " and lambd=" + lambd + " is not supported (bias 0 or bias = lambd)");
            return;
        }
        b.emit(node, new ActivationOp(f), List.of(node.input(0)), List.of(node.output(0)), DataTypes.FLOAT);
    }
}
