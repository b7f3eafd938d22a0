package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.Embedding;
import java.util.List;

/** Keras Embedding: ids truncated to integers select table rows; with mask_zero the second output is {@code id != 0}. */
final class EmbeddingExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        Embedding e = (Embedding) node.op();
        String x = node.inputs().get(0);
        String ids = w.unary("Cast", x, attr("to", OnnxWriter.INT64));
        w.add("Gather", List.of(w.constant(node.name() + "/embeddings", e.table(), e.inputDim(), e.outputDim()), ids),
                List.of(node.outputs().get(0)));
        if (e.maskZero()) {
            String nonzero = w.unary("Not", w.binary("Equal", x, w.scalar(0f)));
            w.add("Cast", List.of(nonzero), List.of(node.outputs().get(1))).addAttribute(attr("to", OnnxWriter.FLOAT));
        }
    }
}
