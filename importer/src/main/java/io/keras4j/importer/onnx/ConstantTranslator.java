package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto;
import java.io.IOException;
import java.util.List;

/** ONNX Constant: value (a tensor), value_float(s) or value_int(s); becomes a constant of the import. */
final class ConstantTranslator implements OpTranslator {
    @Override
    public int requiredInputs() {
        return 0;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        OnnxTensor t = null;
        TensorProto value = node.tensorAttr("value");
        float[] floats = node.floatsAttr("value_floats");
        long[] ints = node.intsAttr("value_ints");
        if (value != null) {
            try {
                t = Tensors.decode(value, null);
            } catch (IllegalArgumentException | IOException e) {
                node.problem("attribute value: " + e.getMessage());
            }
        } else if (node.has("value_float")) {
            t = OnnxTensor.ofFloats(DataTypes.FLOAT, new int[0], new float[] {node.floatAttr("value_float", 0)});
        } else if (floats != null) {
            t = OnnxTensor.ofFloats(DataTypes.FLOAT, new int[] {floats.length}, floats);
        } else if (node.has("value_int")) {
            t = OnnxTensor.ofLongs(DataTypes.INT64, new int[0], new long[] {node.intAttr("value_int", 0)});
        } else if (ints != null) {
            t = OnnxTensor.ofLongs(DataTypes.INT64, new int[] {ints.length}, ints);
        } else {
            node.problem("has none of the attributes value, value_float, value_floats, value_int, value_ints");
        }
        if (t == null) {
            b.unavailable(List.of(node.output(0)));
        } else {
            b.defineConstant(node.output(0), t);
        }
    }
}
