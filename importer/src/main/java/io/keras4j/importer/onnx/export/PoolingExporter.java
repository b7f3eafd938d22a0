package io.keras4j.importer.onnx.export;

import io.keras4j.importer.onnx.proto.Onnx.NodeProto;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import io.keras4j.runtime.ops.Padding;
import java.util.List;

/**
 * Keras MaxPooling and AveragePooling over one to three axes as ONNX MaxPool and AveragePool, the padding as explicit
 * pads; an average divides by the real positions of its window ({@code count_include_pad=0}) unless the op counts the
 * padding. Adaptive pooling, which ONNX has no operator for, is refused.
 */
final class PoolingExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        if (s.has("output_size")) {
            w.problem(node, "adaptive pooling has no ONNX operator");
            return;
        }
        boolean oneAxis = s.has("stride");
        int[] window = oneAxis ? new int[] {s.intAttr("pool_size")} : s.intsAttr("pool_size");
        int[] strides = oneAxis ? new int[] {s.intAttr("stride")} : s.intsAttr("strides");
        Padding padding = oneAxis ? s.boolAttr("same") ? Padding.SAME : Padding.VALID : s.enumAttr("padding", Padding.class);
        boolean channelsFirst = oneAxis && s.boolAttr("channels_first");
        int[] pads = Windows.pads(node, w, padding, window.length == 3, window, strides,
                padding == Padding.EXPLICIT ? s.intsAttr("pads") : null, channelsFirst);
        if (pads == null) {
            return;
        }
        boolean max = s.type().contains("Max");
        String op = max ? "MaxPool" : "AveragePool";
        List<String> x = List.of(node.inputs().get(0));
        String out = node.outputs().get(0);
        NodeProto.Builder pool = channelsFirst ? w.add(op, x, List.of(out)) : Windows.channelsFirst(w, op, x, out, window.length + 2);
        pool.addAttribute(OnnxWriter.ints("kernel_shape", window)).addAttribute(OnnxWriter.ints("strides", strides))
                .addAttribute(OnnxWriter.ints("pads", pads));
        if (s.has("ceil_mode") && s.boolAttr("ceil_mode")) {
            pool.addAttribute(OnnxWriter.attr("ceil_mode", 1));
        }
        if (!max) {
            pool.addAttribute(OnnxWriter.attr("count_include_pad", s.has("count_padding") && s.boolAttr("count_padding") ? 1 : 0));
        }
    }
}
