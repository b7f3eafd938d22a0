package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.Dense;

/** Keras Dense as MatMul, Add of the bias, and the activation. */
final class DenseExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        Dense d = (Dense) node.op();
        String base = node.name();
        String product = w.binary("MatMul", node.inputs().get(0), w.constant(base + "/kernel", d.kernel(), d.inputSize(),
                d.units()));
        String pre = d.bias() == null ? product : w.binary("Add", product, w.constant(base + "/bias", d.bias(), d.units()));
        Activations.write(node, w, d.activation(), pre, node.outputs().get(0));
    }
}
