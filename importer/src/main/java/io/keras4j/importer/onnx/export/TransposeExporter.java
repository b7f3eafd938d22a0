package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;

/** Keras Permute and other transposes as ONNX Transpose with the same permutation (batch axis included). */
final class TransposeExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        w.transpose(node.inputs().get(0), node.outputs().get(0), node.op().spec().intsAttr("perm"));
    }
}
