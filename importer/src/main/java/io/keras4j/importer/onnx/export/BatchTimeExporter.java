package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import java.util.List;

/**
 * The views TimeDistributed runs a layer through: {@code [batch, time, ...]} as {@code [batch·time, ...]}
 * (MergeBatchTime), and back (SplitBatchTime, batch and time from its second input), as Reshapes to shapes read at run
 * time.
 */
final class BatchTimeExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        String x = node.inputs().get(0);
        String rest = w.unary("Shape", x, OnnxWriter.attr("start", node.op().type().equals("MergeBatchTime") ? 2 : 1));
        String lead = node.op().type().equals("MergeBatchTime") ? w.longs(-1)
                : w.unary("Shape", node.inputs().get(1), OnnxWriter.attr("start", 0), OnnxWriter.attr("end", 2));
        String shape = w.fresh(node.name() + "/shape");
        w.add("Concat", List.of(lead, rest), List.of(shape)).addAttribute(OnnxWriter.attr("axis", 0));
        w.add("Reshape", List.of(x, shape), node.outputs());
    }
}
