package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.List;
import java.util.Locale;

/**
 * Padding and cropping (negative counts) by fixed counts as ONNX Pad in constant, reflect or edge mode; wrap mode and
 * counts read at run time (opset 18 and 19) are refused.
 */
final class PadExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        String mode = s.stringAttr("mode").toLowerCase(Locale.ROOT);
        if (!s.has("pads") || mode.equals("wrap")) {
            w.problem(node, s.has("pads") ? "pad mode 'wrap' needs ONNX opset 19; the exporter writes 17"
                    : "padding counts read at run time for some axes need ONNX opset 18; the exporter writes 17");
            return;
        }
        int[] pads = s.intsAttr("pads");
        long[] counts = new long[pads.length];
        for (int i = 0; i < pads.length; i++) {
            counts[i] = pads[i];
        }
        w.add("Pad", List.of(node.inputs().get(0), w.longs(counts), w.scalar((float) s.doubleAttr("value"))), node.outputs())
                .addAttribute(OnnxWriter.attr("mode", mode));
    }
}
