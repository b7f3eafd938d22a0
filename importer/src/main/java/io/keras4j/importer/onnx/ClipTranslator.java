package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.Activation.Kind;
import io.keras4j.runtime.ops.ActivationOp;
import java.util.List;

/**
 * ONNX Clip with constant bounds, attributes before opset 11, inputs after; an absent bound is float's lowest or
 * largest finite value, as ONNX defines it (so infinities become finite).
 */
final class ClipTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        float lo;
        float hi;
        if (b.opset() < 11) {
            lo = node.floatAttr("min", -Float.MAX_VALUE);
            hi = node.floatAttr("max", Float.MAX_VALUE);
        } else {
            OnnxTensor min = node.input(1).isEmpty() ? null : Args.constant(node, b, 1, "min");
            OnnxTensor max = node.input(2).isEmpty() ? null : Args.constant(node, b, 2, "max");
            if (!node.input(1).isEmpty() && min == null || !node.input(2).isEmpty() && max == null) {
                return;
            }
            if (min != null && min.floats().length != 1 || max != null && max.floats().length != 1) {
                node.problem("min and max must be scalars, got " + (min == null ? "no min" : min.floats().length + " min values")
                        + " and " + (max == null ? "no max" : max.floats().length + " max values"));
                return;
            }
            lo = min == null ? -Float.MAX_VALUE : min.floats()[0];
            hi = max == null ? Float.MAX_VALUE : max.floats()[0];
        }
        b.emit(node, new ActivationOp(Activation.of(Kind.CLIP, lo, hi)), List.of(node.input(0)), List.of(node.output(0)),
                DataTypes.FLOAT);
    }
}
