package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;

/** A runtime Constant as an initializer of its value's name. */
final class ConstantExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        w.constantValue(node.outputs().get(0), node.op().spec().requireWeight("values"));
    }
}
