package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.primitive.QuantizedSoftmax;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX Runtime's QLinearSoftmax (com.microsoft): {@link QuantizedSoftmax} over {@code axis} (default -1, or 1 for an
 * {@code opset} below 13, which softmaxes all the axes from {@code axis} on together); the row length must be known at
 * import. X's zero point has no effect (the kernel reads differences from the row's maximum).
 */
final class QLinearSoftmaxTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        long opset = node.intAttr("opset", -1);
        long axis = node.intAttr("axis", opset < 13 ? 1 : -1);
        String in = Args.required(node, 0, "X");
        if (in == null) {
            return;
        }
        if (opset < 1) {
            node.problem("attribute opset is missing (ONNX Runtime requires it), got " + opset);
            return;
        }
        QLinear.Param x = QLinear.param(node, b, 1, 2, "X", b.type(in));
        QLinear.Param y = QLinear.param(node, b, 3, 4, "Y", b.type(in));
        if (x == null || y == null) {
            return;
        }
        int[] shape = b.shape(in);
        if (axis < -shape.length || axis >= shape.length) {
            node.problem("axis " + axis + " is out of range for rank " + shape.length);
            return;
        }
        int a = (int) (axis < 0 ? axis + shape.length : axis);
        boolean coerced = opset < 13;
        int end = coerced ? shape.length : a + 1;
        if (Arrays.stream(shape, a, end).anyMatch(d -> d < 0)) {
            node.problem("X of shape " + Shapes.toString(shape) + ": the length of the rows softmaxed (axis " + a
                    + ") must be known at import");
            return;
        }
        b.emit(node, new QuantizedSoftmax(a, coerced, Shapes.product(shape, a, end), x.scale(), y.scale(), y.zero(),
                y.type() == DataType.INT8_VALUE), List.of(in), List.of(node.output(0)), y.type());
    }
}
