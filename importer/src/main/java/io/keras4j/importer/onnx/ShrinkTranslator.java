package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.Activation.Kind;
import io.keras4j.runtime.ops.ActivationOp;
import java.util.List;

/** ONNX Shrink: {@code x - bias} above {@code lambd}, {@code x + bias} below {@code -lambd}, else 0. */
final class ShrinkTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        Activation f = Activation.of(Kind.SHRINK, node.floatAttr("lambd", 0.5f), node.floatAttr("bias", 0f));
        b.emit(node, new ActivationOp(f), List.of(node.input(0)), List.of(node.output(0)), DataTypes.FLOAT);
    }
}
