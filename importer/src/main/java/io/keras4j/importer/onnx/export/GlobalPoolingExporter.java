package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.List;

/**
 * Keras GlobalMaxPooling1D and GlobalAveragePooling1D as ONNX ReduceMax and ReduceMean over the steps; a masked average
 * as the sum over valid steps divided by their count.
 */
final class GlobalPoolingExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        int steps = s.boolAttr("channels_first") ? 2 : 1;
        int keep = s.boolAttr("keepdims") ? 1 : 0;
        String x = node.inputs().get(0);
        String out = node.outputs().get(0);
        if (!s.boolAttr("masked")) {
            w.add(s.type().equals("GlobalMaxPooling1D") ? "ReduceMax" : "ReduceMean", List.of(x), List.of(out))
                    .addAttribute(OnnxWriter.ints("axes", steps)).addAttribute(attr("keepdims", keep));
            return;
        }
        String mask = w.binary("Unsqueeze", node.inputs().get(1), w.longs(3 - steps));
        String sum = w.fresh(node.name() + "/valid_sum");
        w.add("ReduceSum", List.of(w.binary("Mul", x, mask), w.longs(steps)), List.of(sum)).addAttribute(attr("keepdims", keep));
        String count = w.fresh(node.name() + "/valid_steps");
        w.add("ReduceSum", List.of(mask, w.longs(steps)), List.of(count)).addAttribute(attr("keepdims", keep));
        w.add("Div", List.of(sum, count), List.of(out));
    }
}
