package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto;
import io.keras4j.runtime.ops.primitive.ConstantOfShape;
import java.io.IOException;
import java.util.List;

/** ONNX ConstantOfShape: the fill value is a one-element tensor attribute, float 0 by default. */
final class ConstantOfShapeTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        TensorProto value = node.tensorAttr("value");
        float fill = 0f;
        int type = DataTypes.FLOAT;
        if (value != null) {
            try {
                OnnxTensor t = Tensors.decode(value, null);
                if (t.size() != 1) {
                    node.problem("attribute value must hold one element, got " + t);
                    return;
                }
                fill = t.floats()[0];
                type = t.elemType();
            } catch (IllegalArgumentException | IOException e) {
                node.problem("attribute value: " + e.getMessage());
                return;
            }
        }
        b.emit(node, new ConstantOfShape(fill), List.of(node.input(0)), List.of(node.output(0)), type);
    }
}
