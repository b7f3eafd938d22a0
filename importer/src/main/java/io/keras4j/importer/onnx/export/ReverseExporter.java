package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;

/** The entries along one axis in reverse order, as a Slice of step -1. */
final class ReverseExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        w.reverse(node.inputs().get(0), node.op().spec().intAttr("axis"), node.outputs().get(0));
    }
}
