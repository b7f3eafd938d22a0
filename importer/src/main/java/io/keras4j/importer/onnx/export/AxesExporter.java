package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import java.util.List;

/** ONNX Unsqueeze and Squeeze, the runtime op's axes as the operator's second input. */
final class AxesExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        long[] axes = node.op().spec().longsAttr("axes");
        List<String> in = axes.length == 0 ? node.inputs() : List.of(node.inputs().get(0), w.longs(axes));
        w.add(node.op().type(), in, node.outputs());
    }
}
