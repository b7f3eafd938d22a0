package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import io.keras4j.runtime.ops.Padding;

/**
 * Keras Conv1D, Conv2D and Conv3D (groups, dilations, VALID, SAME or CAUSAL padding) as ONNX Conv between channels
 * first↔last Transposes, the padding as explicit pads and the kernel re-laid {@code [filters, inChannels/groups,
 * taps...]}, then the activation.
 */
final class ConvolutionExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        int[] kernelSize = s.intsAttr("kernel_size");
        int[] dilations = s.intsAttr("dilations");
        int axes = kernelSize.length;
        int[] spans = new int[axes];
        for (int a = 0; a < axes; a++) {
            spans[a] = (kernelSize[a] - 1) * dilations[a] + 1;
        }
        Padding padding = s.enumAttr("padding", Padding.class);
        int[] pads = Windows.pads(node, w, padding, s.boolAttr("tf_same"), spans, s.intsAttr("strides"),
                padding == Padding.EXPLICIT ? s.intsAttr("pads") : null, false);
        if (pads == null) {
            return;
        }
        int groups = s.intAttr("groups");
        Windows.convolution(node, w, "Conv", s, s.intAttr("in_channels") / groups, s.intAttr("filters"), pads)
                .addAttribute(OnnxWriter.attr("group", groups));
    }
}
