package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.List;

/**
 * ONNX ReduceMean, ReduceSum, ReduceMax, ReduceMin, ReduceProd, ReduceL1, ReduceL2, ReduceSumSquare, ReduceLogSum and
 * ReduceLogSumExp:
 * axes from the attribute or (ReduceSum from opset 13, the others from 18) a constant input; keepdims;
 * noop_with_empty_axes only 0.
 */
final class ReduceTranslator implements OpTranslator {
    private final Reduce.Kind kind;

    ReduceTranslator(Reduce.Kind kind) {
        this.kind = kind;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        boolean axesInput = b.opset() >= (kind == Reduce.Kind.SUM ? 13 : 18);
        long[] axes;
        if (axesInput && !node.input(1).isEmpty()) {
            OnnxTensor t = Args.constant(node, b, 1, "axes");
            axes = t == null ? null : Args.ints(node, t, "axes");
            if (axes == null) {
                return;
            }
        } else {
            axes = axesInput ? null : node.intsAttr("axes");
        }
        if (node.intAttr("noop_with_empty_axes", 0) != 0) {
            node.problem("attribute noop_with_empty_axes=1 is not supported");
            return;
        }
        Reduce op = new Reduce(kind, axes == null ? new long[0] : axes, node.intAttr("keepdims", 1) != 0);
        b.emit(node, op, List.of(node.input(0)), List.of(node.output(0)), b.type(node.input(0)));
    }
}
