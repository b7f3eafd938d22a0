package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.Activation.Kind;
import io.keras4j.runtime.ops.ActivationOp;
import java.util.List;

/** ONNX Not on a bool tensor (values 0 and 1): {@code 1 - x}. */
final class NotTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        if (b.type(x) != DataType.BOOL_VALUE) {
            node.problem("input '" + x + "' is " + DataTypes.name(b.type(x)) + ", Not takes bool");
            return;
        }
        b.emit(node, new ActivationOp(Activation.of(Kind.AFFINE, -1, 1)), List.of(x), List.of(node.output(0)),
                DataType.BOOL_VALUE);
    }
}
