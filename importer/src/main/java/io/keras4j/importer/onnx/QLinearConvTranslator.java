package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.ops.primitive.Requantize;

/**
 * ONNX QLinearConv (ONNX Runtime's QOperator format): the convolution (Conv's attributes) of {@code x - x_zero_point} by
 * the constant {@code w - w_zero_point} (one zero point, or one per filter) plus the int32 bias B, requantized as ONNX
 * Runtime does: the sum times {@code x_scale·w_scale / y_scale} (one per filter when w_scale is) in float32, rounded
 * half to even, plus y_zero_point, saturated. The sums are float32 sums, exact while they stay below 2^24.
 */
final class QLinearConvTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String in = Args.required(node, 0, "x");
        if (in == null) {
            return;
        }
        int[] shape = b.shape(in);
        if (shape.length < 3 || shape.length > 5) {
            node.problem(ConvTranslator.onlyAxes("convolution", 3, shape.length));
            return;
        }
        QLinear.Param x = QLinear.param(node, b, 1, 2, "x", b.type(in));
        QLinear.Param y = QLinear.param(node, b, 6, 7, "y", DataType.UINT8_VALUE);
        float[] wScale = QLinear.scales(node, b, 4, "w_scale");
        OnnxTensor w = Args.constant(node, b, 3, "w");
        OnnxTensor bias = node.input(8).isEmpty() ? null : Args.constant(node, b, 8, "B");
        if (x == null || y == null || wScale == null || w == null || !node.input(8).isEmpty() && bias == null) {
            return;
        }
        w = ConvIntegerTranslator.centredFilters(node, b, w, 5, "w_zero_point");
        if (w == null) {
            return;
        }
        int filters = w.shape()[0];
        if (wScale.length != 1 && wScale.length != filters) {
            node.problem("w_scale must be one value or one per filter (" + filters + "), got " + wScale.length);
            return;
        }
        String centred = x.centred(node, b, in, "x_centred");
        String sum = b.fresh(node, "sum");
        ConvTranslator.convolve(node, b, new ConvTranslator.Parameters(shape, w, bias), centred, sum);
        if (centred != null && b.isDefined(sum)) {
            QLinear.requantize(node, b, sum, QLinear.ratios(x.scale(), wScale, y.scale()), 1, y,
                    Requantize.Kind.SCALE_ROUND_OFFSET, node.output(0));
        }
    }
}
