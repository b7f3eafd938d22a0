package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;

/** Keras Concatenate as ONNX Concat along the same axis. */
final class ConcatenateExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        w.add("Concat", node.inputs(), node.outputs()).addAttribute(OnnxWriter.attr("axis", node.op().spec().intAttr("axis")));
    }
}
