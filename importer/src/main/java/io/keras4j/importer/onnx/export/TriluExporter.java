package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.List;

/** ONNX Trilu, the runtime op's diagonal offset k as its second input. */
final class TriluExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        w.add("Trilu", List.of(node.inputs().get(0), w.longScalar(s.intAttr("k"))), node.outputs())
                .addAttribute(OnnxWriter.attr("upper", s.boolAttr("upper") ? 1 : 0));
    }
}
