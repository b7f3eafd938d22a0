package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;

/** Dropout and the other layers that pass their input through at inference. */
final class IdentityExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        w.add("Identity", node.inputs(), node.outputs());
    }
}
