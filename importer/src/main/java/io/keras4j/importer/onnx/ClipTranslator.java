package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.Activation.Kind;
import io.keras4j.runtime.ops.ActivationOp;
import java.util.List;

/** ONNX Clip with constant bounds [0, 6] (relu6) or [-1, 1] (hard_tanh); attributes before opset 11, inputs after. */
final class ClipTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        float lo;
        float hi;
        if (b.opset() < 11) {
            lo = node.floatAttr("min", Float.NEGATIVE_INFINITY);
            hi = node.floatAttr("max", Float.POSITIVE_INFINITY);
        } else {
            OnnxTensor min = node.input(1).isEmpty() ? null : Args.constant(node, b, 1, "min");
            OnnxTensor max = node.input(2).isEmpty() ? null : Args.constant(node, b, 2, "max");
            if (!node.input(1).isEmpty() && min == null || !node.input(2).isEmpty() && max == null) {
                return;
            }
            lo = min == null ? Float.NEGATIVE_INFINITY : min.floats()[0];
            hi = max == null ? Float.POSITIVE_INFINITY : max.floats()[0];
        }
        Activation f;
        if (lo == 0f && hi == 6f) {
            f = Activation.of(Kind.RELU6);
        } else if (lo == -1f && hi == 1f) {
            f = Activation.of(Kind.HARD_TANH);
        } else {
            node.problem("Clip to [" + lo + ", " + hi + "] is not supported (only [0, 6] and [-1, 1])");
            return;
        }
        b.emit(node, new ActivationOp(f), List.of(node.input(0)), List.of(node.output(0)), DataTypes.FLOAT);
    }
}
