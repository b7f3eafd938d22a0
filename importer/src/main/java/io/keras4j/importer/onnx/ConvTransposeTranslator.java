package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ConvTranspose;
import java.util.Arrays;

/**
 * ONNX ConvTranspose over one spatial axis ({@code [batch, channels, steps]}, as torch's ConvTranspose1d exports it), two
 * ({@code [batch, channels, rows, cols]}, ConvTranspose2d) or three ({@code [batch, channels, depth, rows, cols]},
 * ConvTranspose3d) with constant W {@code [channels, filters, kernel...]} and B, run as a channels-last
 * {@link ConvTranspose} between two Transposes: {@code strides},
 * {@code dilations}, {@code pads} (each at most the kernel's span - 1, the end one plus {@code output_padding}),
 * {@code output_padding}, {@code auto_pad} NOTSET or VALID; {@code group} 1 only, no {@code output_shape}.
 */
final class ConvTransposeTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        ConvTranslator.Parameters params = ConvTranslator.Parameters.of(node, b, "transposed convolution", 3);
        if (params == null) {
            return;
        }
        int[] shape = params.inputShape();
        int axes = shape.length - 2;
        OnnxTensor w = params.w();
        OnnxTensor bias = params.bias();
        int[] ws = w.shape();
        if (ws.length != shape.length || shape[1] >= 0 && shape[1] != ws[0]) {
            node.problem("W " + w + " must be [channels, filters, " + ConvTranslator.kernelAxes(axes)
                    + "] for an input of " + shape[1] + " channels");
            return;
        }
        int channels = ws[0];
        int filters = ws[1];
        int[] kernel = Arrays.copyOfRange(ws, 2, ws.length);
        if (node.intAttr("group", 1) != 1 || node.intsAttr("output_shape") != null) {
            node.problem("group " + node.intAttr("group", 1) + (node.intsAttr("output_shape") != null
                    ? " with output_shape " + Arrays.toString(node.intsAttr("output_shape")) : "")
                    + " is not supported (group 1 only, pads instead of output_shape)");
            return;
        }
        int[] strides = ConvTranslator.sizes(node, "strides", axes);
        int[] dilations = ConvTranslator.sizes(node, "dilations", axes);
        if (!ConvTranslator.biasAndKernelFit(node, w, bias, filters, kernel) || strides == null || dilations == null) {
            return;
        }
        String autoPad = node.stringAttr("auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
            node.problem("auto_pad " + autoPad + " is not supported (NOTSET or VALID)");
            return;
        }
        long[] outputPadding = node.intsAttr("output_padding");
        long[] extra = outputPadding == null ? new long[axes] : outputPadding;
        long[] pads = autoPad.equals("VALID") || node.intsAttr("pads") == null ? new long[2 * axes] : node.intsAttr("pads");
        int[] equivalent = new int[2 * axes]; // the pads of the equivalent convolution: befores, then afters
        boolean fits = pads.length == 2 * axes && extra.length == axes;
        for (int d = 0; fits && d < axes; d++) {
            long span = (kernel[d] - 1L) * dilations[d] + 1;
            fits = extra[d] >= 0 && extra[d] < strides[d] && pads[d] >= 0 && pads[axes + d] >= 0 && pads[d] <= span - 1
                    && pads[axes + d] <= span - 1 + extra[d] && span <= 1 << 30;
            equivalent[d] = (int) (span - 1 - pads[d]);
            equivalent[axes + d] = (int) (span - 1 + extra[d] - pads[axes + d]);
        }
        if (!fits) {
            node.problem("pads " + Arrays.toString(node.intsAttr("pads")) + " with output_padding "
                    + Arrays.toString(outputPadding) + " are not supported for kernel " + Arrays.toString(kernel)
                    + " with dilations " + Arrays.toString(dilations) + " (pads of at most span - 1, the end one plus"
                    + " output_padding, which must be below the stride, as ONNX Runtime requires)");
            return;
        }
        int taps = Arrays.stream(kernel).reduce(1, (x, y) -> x * y);
        float[] onnx = w.floats(); // a copy: read it once
        float[] keras = new float[onnx.length]; // ONNX [channels][filters][taps] as [taps][filters][channels]
        for (int c = 0; c < channels; c++) {
            for (int f = 0; f < filters; f++) {
                for (int j = 0; j < taps; j++) {
                    keras[(j * filters + f) * channels + c] = onnx[(c * filters + f) * taps + j];
                }
            }
        }
        float[] bf = bias == null ? null : bias.floats();
        Activation linear = Activation.of(Activation.Kind.LINEAR);
        ConvTranslator.channelsLast(node, b, new ConvTranspose(channels, filters, kernel, strides, dilations, equivalent, keras,
                bf, linear));
    }
}
