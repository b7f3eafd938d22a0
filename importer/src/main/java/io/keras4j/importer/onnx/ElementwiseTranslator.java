package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;

/** ONNX Add, Sub, Mul, Div (integer Div when both inputs are integers), Pow and Equal (a bool result). */
final class ElementwiseTranslator implements OpTranslator {
    private final Elementwise.Kind kind;

    ElementwiseTranslator(Elementwise.Kind kind) {
        this.kind = kind;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        String y = Args.required(node, 1, "B");
        if (y == null) {
            return;
        }
        if (node.has("broadcast") || node.has("axis")) {
            node.problem("the legacy attributes broadcast/axis (opset < 7) are not supported");
            return;
        }
        boolean integers = b.isInteger(x) && b.isInteger(y);
        Elementwise.Kind k = kind == Elementwise.Kind.DIV && integers ? Elementwise.Kind.INT_DIV : kind;
        int type = kind == Elementwise.Kind.EQUAL ? DataType.BOOL_VALUE : b.type(x);
        b.emit(node, new Elementwise(k), List.of(x, y), List.of(node.output(0)), type);
    }
}
