package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import java.util.List;

/** ONNX Where, its condition (nonzero is true) cast to bool. */
final class WhereExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        List<String> in = node.inputs();
        w.add("Where", List.of(ElementwiseExporter.bool(w, in.get(0)), in.get(1), in.get(2)), node.outputs());
    }
}
