package io.keras4j.importer.onnx.export;

import io.keras4j.importer.onnx.proto.Onnx.NodeProto;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import io.keras4j.runtime.ops.Padding;
import java.util.ArrayList;
import java.util.List;

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
        int taps = 1;
        for (int a = 0; a < axes; a++) {
            spans[a] = (kernelSize[a] - 1) * dilations[a] + 1;
            taps *= kernelSize[a];
        }
        Padding padding = s.enumAttr("padding", Padding.class);
        int[] pads = Windows.pads(node, w, padding, s.boolAttr("tf_same"), spans, s.intsAttr("strides"),
                padding == Padding.EXPLICIT ? s.intsAttr("pads") : null, false);
        if (pads == null) {
            return;
        }
        int filters = s.intAttr("filters");
        int groups = s.intAttr("groups");
        int perGroup = s.intAttr("in_channels") / groups;
        float[] kernel = s.weight("kernel");
        float[] onnx = new float[kernel.length];
        for (int t = 0; t < taps; t++) {
            for (int c = 0; c < perGroup; c++) {
                for (int f = 0; f < filters; f++) {
                    onnx[(f * perGroup + c) * taps + t] = kernel[(t * perGroup + c) * filters + f];
                }
            }
        }
        int[] dims = new int[axes + 2];
        dims[0] = filters;
        dims[1] = perGroup;
        System.arraycopy(kernelSize, 0, dims, 2, axes);
        List<String> inputs = new ArrayList<>(List.of(node.inputs().get(0), w.constant(node.name() + "/W", onnx, dims)));
        float[] bias = s.weight("bias");
        if (bias != null) {
            inputs.add(w.constant(node.name() + "/B", bias, filters));
        }
        String y = w.fresh(node.name() + "/convolved");
        NodeProto.Builder conv = Windows.channelsFirst(w, "Conv", inputs, y, axes + 2);
        conv.addAttribute(OnnxWriter.ints("kernel_shape", kernelSize)).addAttribute(OnnxWriter.ints("strides", s.intsAttr("strides")))
                .addAttribute(OnnxWriter.ints("dilations", dilations)).addAttribute(OnnxWriter.ints("pads", pads))
                .addAttribute(OnnxWriter.attr("group", groups));
        Activations.write(node, w, s.activation("activation"), y, node.outputs().get(0));
    }
}
