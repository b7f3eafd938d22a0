package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Conv1DTranspose;
import java.util.Arrays;

/**
 * ONNX ConvTranspose over one spatial axis ({@code [batch, channels, steps]}, as torch's ConvTranspose1d exports it) with
 * constant W {@code [channels, filters, kernel]} and B, run as a channels-last {@link Conv1DTranspose} between two
 * Transposes: {@code strides}, {@code dilations}, {@code pads} (each at most the kernel's span - 1, the end one plus
 * {@code output_padding}), {@code output_padding}, {@code auto_pad} NOTSET or VALID; {@code group} 1 only, no
 * {@code output_shape}.
 */
final class ConvTransposeTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        ConvTranslator.Parameters params = ConvTranslator.Parameters.of(node, b, "transposed convolution", 1);
        if (params == null) {
            return;
        }
        int[] shape = params.inputShape();
        OnnxTensor w = params.w();
        OnnxTensor bias = params.bias();
        int[] ws = w.shape();
        if (ws.length != 3 || shape[1] >= 0 && shape[1] != ws[0]) {
            node.problem("W " + w + " must be [channels, filters, kernel] for an input of " + shape[1] + " channels");
            return;
        }
        int channels = ws[0];
        int filters = ws[1];
        int k = ws[2];
        if (node.intAttr("group", 1) != 1 || node.intsAttr("output_shape") != null) {
            node.problem("group " + node.intAttr("group", 1) + (node.intsAttr("output_shape") != null
                    ? " with output_shape " + Arrays.toString(node.intsAttr("output_shape")) : "")
                    + " is not supported (group 1 only, pads instead of output_shape)");
            return;
        }
        if (!ConvTranslator.biasAndKernelFit(node, w, bias, filters, k)) {
            return;
        }
        int stride = ConvTranslator.one(node, "strides");
        int dilation = ConvTranslator.one(node, "dilations");
        long[] outputPadding = node.intsAttr("output_padding");
        String autoPad = node.stringAttr("auto_pad", "NOTSET");
        long[] pads = autoPad.equals("VALID") || node.intsAttr("pads") == null ? new long[2] : node.intsAttr("pads");
        if (stride < 1 || dilation < 1) {
            return;
        }
        long extra = outputPadding == null ? 0 : outputPadding.length == 1 ? outputPadding[0] : -1;
        long span = (k - 1L) * dilation + 1;
        if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
            node.problem("auto_pad " + autoPad + " is not supported (NOTSET or VALID)");
            return;
        }
        if (pads.length != 2 || extra < 0 || extra >= stride || pads[0] < 0 || pads[1] < 0 || pads[0] > span - 1
                || pads[1] > span - 1 + extra) {
            node.problem("pads " + Arrays.toString(node.intsAttr("pads")) + " with output_padding "
                    + Arrays.toString(outputPadding) + " are not supported for kernel span " + span + " (pads of at most"
                    + " span - 1, the end one plus output_padding, which must be below the stride, as ONNX Runtime requires)");
            return;
        }
        float[] kernel = new float[w.floats().length]; // ONNX [channels][filters][k] as [k][filters][channels]
        for (int c = 0; c < channels; c++) {
            for (int f = 0; f < filters; f++) {
                for (int j = 0; j < k; j++) {
                    kernel[(j * filters + f) * channels + c] = w.floats()[(c * filters + f) * k + j];
                }
            }
        }
        int padLeft = (int) (span - 1 - pads[0]);
        int padRight = (int) (span - 1 + extra - pads[1]);
        ConvTranslator.channelsLast(node, b, new Conv1DTranspose(channels, filters, k, stride, dilation, padLeft, padRight,
                kernel, bias == null ? null : bias.floats(), Activation.of(Activation.Kind.LINEAR)));
    }
}
