package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;

/**
 * Keras Conv1DTranspose, Conv2DTranspose and Conv3DTranspose as ONNX ConvTranspose between channels first↔last
 * Transposes: the equivalent convolution's padding {@code p} becomes ONNX's crop {@code span - 1 - p} (a negative trailing
 * crop, from output_padding, becomes ONNX output_padding), the kernel re-laid {@code [inChannels, filters, taps...]};
 * then the activation.
 */
final class ConvTransposeExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        int[] kernelSize = s.intsAttr("kernel_size");
        int[] strides = s.intsAttr("strides");
        int[] dilations = s.intsAttr("dilations");
        int[] pads = s.intsAttr("pads");
        int axes = kernelSize.length;
        int[] crops = new int[2 * axes];
        int[] outputPadding = new int[axes];
        for (int a = 0; a < axes; a++) {
            int span = (kernelSize[a] - 1) * dilations[a] + 1;
            crops[a] = span - 1 - pads[a];
            int end = span - 1 - pads[axes + a];
            crops[axes + a] = Math.max(end, 0);
            outputPadding[a] = Math.max(-end, 0);
            if (outputPadding[a] >= Math.max(strides[a], dilations[a])) {
                w.problem(node, "output padding " + outputPadding[a] + " on axis " + a + " is not below the stride or the"
                        + " dilation, as ONNX's output_padding must be");
                return;
            }
        }
        Windows.convolution(node, w, "ConvTranspose", s, s.intAttr("filters"), s.intAttr("in_channels"), crops)
                .addAttribute(OnnxWriter.ints("output_padding", outputPadding));
    }
}
