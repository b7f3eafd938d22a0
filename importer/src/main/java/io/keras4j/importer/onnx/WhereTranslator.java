package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.ops.primitive.Where;
import java.util.List;

/** ONNX Where: a bool condition choosing between X and Y, numpy broadcasting. */
final class WhereTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String condition = node.input(0);
        String x = Args.required(node, 1, "X");
        String y = Args.required(node, 2, "Y");
        if (x == null || y == null) {
            return;
        }
        if (b.type(condition) != DataType.BOOL_VALUE) {
            node.problem("input '" + condition + "' is " + DataTypes.name(b.type(condition)) + ", Where's condition is bool");
            return;
        }
        b.emit(node, new Where(), List.of(condition, x, y), List.of(node.output(0)), b.type(x));
    }
}
