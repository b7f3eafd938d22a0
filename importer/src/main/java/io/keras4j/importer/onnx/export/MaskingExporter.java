package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.Masking;
import java.util.List;

/** Keras Masking: a step is valid when any feature differs from the mask value; outputs x with masked steps 0, and the mask. */
final class MaskingExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        Masking m = (Masking) node.op();
        String x = node.inputs().get(0);
        String differs = w.unary("Not", w.binary("Equal", x, w.scalar(m.maskValue())));
        String anyFeature = w.fresh(node.name() + "/valid");
        w.add("ReduceMax", List.of(w.unary("Cast", differs, attr("to", OnnxWriter.FLOAT))), List.of(anyFeature))
                .addAttribute(OnnxWriter.ints("axes", -1)).addAttribute(attr("keepdims", 0));
        w.add("Identity", List.of(anyFeature), List.of(node.outputs().get(1)));
        w.add("Mul", List.of(x, w.binary("Unsqueeze", anyFeature, w.longs(-1))), List.of(node.outputs().get(0)));
    }
}
