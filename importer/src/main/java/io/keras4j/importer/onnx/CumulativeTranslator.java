package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Cumulative;
import java.util.List;

/** ONNX CumSum and CumProd (opset 26): a constant scalar axis; attributes exclusive and reverse. */
final class CumulativeTranslator implements OpTranslator {
    private final Cumulative.Kind kind;

    CumulativeTranslator(Cumulative.Kind kind) {
        this.kind = kind;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        OnnxTensor t = Args.constant(node, b, 1, "axis");
        long[] axis = t == null ? null : Args.ints(node, t, "axis");
        if (axis == null) {
            return;
        }
        int rank = b.shape(node.input(0)).length;
        if (axis.length != 1 || axis[0] < -rank || axis[0] >= rank) {
            node.problem("axis must be one value in [-" + rank + ", " + rank + "), got " + t);
            return;
        }
        Cumulative op = new Cumulative(kind, (int) axis[0], node.intAttr("exclusive", 0) != 0, node.intAttr("reverse", 0) != 0);
        b.emit(node, op, List.of(node.input(0)), List.of(node.output(0)), b.type(node.input(0)));
    }
}
