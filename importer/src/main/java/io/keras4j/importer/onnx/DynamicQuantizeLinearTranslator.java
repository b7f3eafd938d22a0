package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.ops.primitive.DynamicQuantizeLinear;
import java.util.List;

/** ONNX DynamicQuantizeLinear (opset 11): x to uint8, with the scale and zero point computed from x's range. */
final class DynamicQuantizeLinearTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = Args.required(node, 0, "x");
        if (x != null) {
            b.emit(node, new DynamicQuantizeLinear(), List.of(x), List.of(node.output(0), node.output(1), node.output(2)),
                    DataType.UINT8_VALUE, DataTypes.FLOAT, DataType.UINT8_VALUE);
        }
    }
}
