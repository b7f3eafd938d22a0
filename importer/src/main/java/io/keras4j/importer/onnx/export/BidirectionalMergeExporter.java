package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.BidirectionalMerge;
import java.util.List;

/** The merge of a Bidirectional layer's two directions (concat, sum, mul, ave, or none), the backward sequence re-aligned. */
final class BidirectionalMergeExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        BidirectionalMerge m = (BidirectionalMerge) node.op();
        String f = node.inputs().get(0);
        String b = node.inputs().get(1);
        if (m.sequences()) {
            String aligned = w.fresh(node.name() + "/backward_aligned");
            w.reverse(b, 1, aligned);
            b = aligned;
        }
        List<String> outs = node.outputs();
        switch (m.mode()) {
            case CONCAT -> w.add("Concat", List.of(f, b), outs).addAttribute(OnnxWriter.attr("axis", -1));
            case SUM -> w.add("Add", List.of(f, b), outs);
            case MUL -> w.add("Mul", List.of(f, b), outs);
            case AVE -> w.add("Div", List.of(w.binary("Add", f, b), w.scalar(2f)), outs);
            default -> {
                w.add("Identity", List.of(f), List.of(outs.get(0)));
                w.add("Identity", List.of(b), List.of(outs.get(1)));
            }
        }
    }
}
