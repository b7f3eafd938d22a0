package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.List;

/**
 * Softmax, LogSoftmax and Hardmax over one axis as the ONNX operators of those names; Softmax and LogSoftmax over several
 * axes as {@code x - ReduceLogSumExp(x)} (exponentiated for Softmax). Masked (Keras 3): the mask broadcast against x
 * from the right, masked scores set to -1e9 before and 0 after (Keras 3.10 and later) or lowered by 1e9 and kept
 * (Keras 3.0 to 3.9).
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
            if (!type.equals("Softmax") && !type.equals("SoftmaxUnzeroed")) {
                w.problem(node, "masked " + type + " is not written by the ONNX exporter");
                return;
            }
            String hidden = w.binary("Equal", node.inputs().get(1), w.scalar(0f));
            String lowered = w.scalar(-1e9f);
            if (type.equals("SoftmaxUnzeroed")) {
                write(w, "Softmax", axes, w.apply("Where", List.of(hidden, w.binary("Add", x, lowered), x)), out.get(0));
                return;
            }
            String y = w.fresh(node.name() + "/unmasked");
            write(w, type, axes, w.apply("Where", List.of(hidden, lowered, x)), y);
            w.add("Where", List.of(hidden, w.scalar(0f), y), out);
            return;
        }
        if (axes.length > 1 && type.equals("Hardmax")) {
            w.problem(node, "Hardmax over several axes " + java.util.Arrays.toString(axes) + " has no ONNX form");
            return;
        }
        write(w, type, axes, x, out.get(0));
    }

    /** Softmax, LogSoftmax or Hardmax ({@code type}) of {@code x} over {@code axes} into {@code out}. */
    private static void write(OnnxWriter w, String type, int[] axes, String x, String out) {
        if (axes.length == 1) {
            w.add(type, List.of(x), List.of(out)).addAttribute(attr("axis", axes[0]));
        } else {
            String log = w.binary("Sub", x, w.unary("ReduceLogSumExp", x, OnnxWriter.ints("axes", axes), attr("keepdims", 1)));
            w.add(type.equals("Softmax") ? "Exp" : "Identity", List.of(log), List.of(out));
        }
    }
}
