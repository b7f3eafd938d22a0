package io.keras4j.importer.onnx;

import java.util.Arrays;

/**
 * ONNX ConvInteger (what ONNX Runtime's {@code quantize_dynamic} makes of a convolution): the convolution of
 * {@code x - x_zero_point} (one value) with {@code w - w_zero_point} (one value or one per filter), as Conv runs it
 * (attributes as Conv's; padding with zeros after the subtraction, as ONNX Runtime pads with the zero point). Sums
 * above 2^24 round as float32 sums do.
 */
final class ConvIntegerTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        ConvTranslator.Parameters params = ConvTranslator.Parameters.of(node, b, "convolution", 3, false);
        if (params == null) {
            return;
        }
        String xZero = node.input(2);
        String x = MatMulIntegerTranslator.oneValue(node, b, xZero, "x_zero_point")
                ? MatMulIntegerTranslator.centred(node, b, node.input(0), xZero, "x_centred") : null;
        if (x == null) {
            return;
        }
        OnnxTensor w = centredFilters(node, b, params.w(), 3, "w_zero_point");
        if (w == null) {
            return;
        }
        ConvTranslator.convolve(node, b, new ConvTranslator.Parameters(params.inputShape(), w, null), x);
    }

    /**
     * Filters {@code w} less input {@code zeroIndex}'s zero point (absent, one value or one per filter), as floats;
     * null after a problem.
     */
    static OnnxTensor centredFilters(OnnxNode node, OnnxGraphBuilder b, OnnxTensor w, int zeroIndex, String what) {
        if (w.shape().length < 3 || w.shape().length > 5) {
            node.problem("the filters w must have rank 3 to 5 (filters, channels, kernel), got shape "
                    + Arrays.toString(w.shape()));
            return null;
        }
        if (node.input(zeroIndex).isEmpty()) {
            return w;
        }
        OnnxTensor zero = Args.constant(node, b, zeroIndex, what);
        if (zero == null) {
            return null;
        }
        float[] z = zero.floats();
        float[] v = w.floats();
        int filters = w.shape()[0];
        if (z.length != 1 && z.length != filters) {
            node.problem(what + " " + zero + " must be one value or one per filter (" + filters + ")");
            return null;
        }
        int perFilter = v.length / Math.max(filters, 1);
        for (int i = 0; i < v.length; i++) {
            v[i] -= z[z.length == 1 ? 0 : i / perFilter];
        }
        return OnnxTensor.ofFloats(DataTypes.FLOAT, w.shape(), v);
    }
}
