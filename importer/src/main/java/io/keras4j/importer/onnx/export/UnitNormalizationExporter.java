package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;
import java.util.List;

/** Keras UnitNormalization in its float32 steps: {@code x · min(1/sqrt(Σx²), cap)} with ReduceSum over its axes. */
final class UnitNormalizationExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        String x = node.inputs().get(0);
        String squares = w.binary("ReduceSum", w.binary("Mul", x, x),
                w.longs(Arrays.stream(s.intsAttr("axes")).asLongStream().toArray()), attr("keepdims", 1));
        String scale = w.binary("Min", w.unary("Reciprocal", w.unary("Sqrt", squares)), w.scalar((float) s.doubleAttr("cap")));
        w.add("Mul", List.of(x, scale), List.of(node.outputs().get(0)));
    }
}
