package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.QuantizedAdd;
import io.keras4j.runtime.ops.primitive.Requantize;
import java.util.List;

/**
 * ONNX Runtime's QLinearAdd and QLinearMul (com.microsoft) of 8-bit A and B into C, each with one scale and zero point,
 * as its x86-64 kernels compute them, with numpy broadcasting. Add: {@link QuantizedAdd}. Mul: the exact product
 * {@code (A - A_zero)·(B - B_zero)} times {@code A_scale·B_scale / C_scale} in float32, plus C_zero, rounded half to
 * even, saturated.
 */
final class QLinearBinaryTranslator implements OpTranslator {
    private final boolean add;

    /** @param add QLinearAdd, else QLinearMul */
    QLinearBinaryTranslator(boolean add) {
        this.add = add;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String left = Args.required(node, 0, "A");
        String right = Args.required(node, 3, "B");
        if (left == null || right == null) {
            return;
        }
        QLinear.Param pa = QLinear.param(node, b, 1, 2, "A", b.type(left));
        QLinear.Param pb = QLinear.param(node, b, 4, 5, "B", b.type(right));
        QLinear.Param pc = QLinear.param(node, b, 6, 7, "C", DataType.UINT8_VALUE);
        if (pa == null || pb == null || pc == null) {
            return;
        }
        if (add) {
            b.emit(node, new QuantizedAdd(new float[] {pa.scale(), pb.scale(), pc.scale()},
                    new long[] {pa.zero(), pb.zero(), pc.zero()}, pc.least(), pc.most()), List.of(left, right),
                    List.of(node.output(0)), pc.type());
            return;
        }
        String ca = pa.centred(node, b, left, "a_centred");
        String cb = pb.centred(node, b, right, "b_centred");
        String product = b.fresh(node, "product");
        if (ca != null && cb != null
                && b.emit(node, new Elementwise(Elementwise.Kind.MUL), List.of(ca, cb), List.of(product), DataTypes.INT32)) {
            QLinear.requantize(node, b, product, new float[] {pa.scale() * pb.scale() / pc.scale()}, 0, pc,
                    Requantize.Kind.SCALE_OFFSET_ROUND, node.output(0));
        }
    }
}
