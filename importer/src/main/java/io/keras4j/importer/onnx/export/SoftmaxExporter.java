package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.List;

/**
 * Softmax, LogSoftmax and Hardmax over one axis as the ONNX operators of those names; Softmax and LogSoftmax over several
 * axes as {@code x - ReduceLogSumExp(x)} (exponentiated for Softmax). Masked softmax is refused.
 */
final class SoftmaxExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        String type = s.type();
        int[] axes = s.intsAttr("axes");
        String x = node.inputs().get(0);
        List<String> out = node.outputs();
        if (s.boolAttr("masked")) {
            w.problem(node, "masked softmax is not written by the ONNX exporter");
        } else if (axes.length == 1) {
            w.add(type, List.of(x), out).addAttribute(attr("axis", axes[0]));
        } else if (type.equals("Hardmax")) {
            w.problem(node, "Hardmax over several axes " + java.util.Arrays.toString(axes) + " has no ONNX form");
        } else {
            String log = w.binary("Sub", x, w.unary("ReduceLogSumExp", x, OnnxWriter.ints("axes", axes), attr("keepdims", 1)));
            w.add(type.equals("Softmax") ? "Exp" : "Identity", List.of(log), out);
        }
    }
}
