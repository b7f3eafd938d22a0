package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import java.util.List;

/** Keras RepeatVector: {@code [batch, features]} given a steps axis of 1, expanded to n steps. */
final class RepeatVectorExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        String row = w.binary("Unsqueeze", node.inputs().get(0), w.longs(1));
        w.add("Expand", List.of(row, w.longs(1, node.op().spec().intAttr("n"), 1)), node.outputs());
    }
}
