package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;

/**
 * ONNX Runtime's QuickGelu (com.microsoft): {@code x · sigmoid(alpha · x)}, {@code alpha} 1.702 by default, in ONNX
 * Runtime's float32 steps: a Mul by alpha (none when it is 1), a Sigmoid, a Mul by x.
 */
final class QuickGeluTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        int type = b.type(x);
        float alpha = node.floatAttr("alpha", 1.702f);
        String scaled = x;
        if (alpha != 1f) {
            String factor = b.fresh(node, "alpha");
            b.defineConstant(factor, OnnxTensor.ofFloats(DataType.FLOAT_VALUE, new int[0], new float[] {alpha}));
            scaled = b.fresh(node, "scaled");
            if (!b.emit(node, new Elementwise(Elementwise.Kind.MUL), List.of(x, factor), List.of(scaled), type)) {
                return;
            }
        }
        String gate = b.fresh(node, "sigmoid");
        if (b.emit(node, new ActivationOp(Activation.of(Activation.Kind.SIGMOID)), List.of(scaled), List.of(gate), type)) {
            b.emit(node, new Elementwise(Elementwise.Kind.MUL), List.of(x, gate), List.of(node.output(0)), type);
        }
    }
}
