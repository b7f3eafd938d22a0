package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The mask Keras 3 gives a merge's output: the OR of the masks (element-wise merges, and Concatenate along the last
 * axis when every input has one), all valid (Concatenate along the last axis when one has none), or the masks
 * concatenated along an earlier axis, a missing one all valid.
 */
final class MergeMaskExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        int[] masked = s.intsAttr("masked");
        int n = masked.length;
        int axis = s.intAttr("axis");
        List<String> in = node.inputs();
        List<String> out = node.outputs();
        if (axis >= 0 && axis < w.shape(in.get(0)).length - 1) {
            List<String> parts = new ArrayList<>();
            int m = n;
            for (int k = 0; k < n; k++) {
                parts.add(masked[k] != 0 ? in.get(m++) : allValid(w, in.get(k)));
            }
            w.add("Concat", parts, out).addAttribute(attr("axis", axis));
        } else if (in.size() < 2 * n) {
            w.add("Identity", List.of(allValid(w, in.get(0))), out);
        } else {
            String any = ElementwiseExporter.bool(w, in.get(n));
            for (int k = n + 1; k < 2 * n; k++) {
                any = w.binary("Or", any, ElementwiseExporter.bool(w, in.get(k)));
            }
            w.add("Cast", List.of(any), out).addAttribute(attr("to", OnnxWriter.FLOAT));
        }
    }

    /** Ones of the shape of {@code x} without its last axis. */
    private static String allValid(OnnxWriter w, String x) {
        return w.binary("Expand", w.scalar(1f), w.unary("Shape", x, attr("end", -1)));
    }
}
