package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import java.util.List;

/** Keras Reshape and Flatten as ONNX Reshape to the batch (a 0, copied) and the target shape. */
final class ReshapeExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        int[] target = node.op().spec().intsAttr("target");
        long[] shape = new long[target.length + 1];
        for (int i = 0; i < target.length; i++) {
            shape[i + 1] = target[i];
        }
        w.add("Reshape", List.of(node.inputs().get(0), w.longs(shape)), node.outputs());
    }
}
