package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Gather;
import io.keras4j.runtime.ops.primitive.NonZero;
import io.keras4j.runtime.ops.primitive.Reshape;
import java.util.List;

/**
 * ONNX Compress: the slices of the input along {@code axis} (without it, of the flattened input) where the 1-D
 * condition is true (nonzero), in order; a shorter condition leaves out the slices past it. A Gather of the condition's
 * NonZero indices (folded at import for a constant condition; else the count is known when a call runs, as NonZero's).
 */
final class CompressTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String condition = Args.required(node, 1, "condition");
        if (condition == null) {
            return;
        }
        String x = node.input(0);
        int rank = b.shape(x).length;
        int conditionRank = b.shape(condition).length;
        if (conditionRank != 1) {
            node.problem("the condition must be 1-D, got rank " + conditionRank);
            return;
        }
        Integer axis = 0;
        String data = x;
        if (node.has("axis")) {
            axis = Args.axisOf(node, rank);
        } else {
            data = b.fresh(node, "flat");
            if (!b.emit(node, new Reshape(false), List.of(x, b.longs(node, "flat_shape", -1)), List.of(data), b.type(x))) {
                return;
            }
        }
        String positions = b.fresh(node, "positions");
        String indices = b.fresh(node, "indices");
        if (axis != null
                && b.emit(node, new NonZero(), List.of(condition), List.of(positions), DataTypes.INT64)
                && b.emit(node, new Reshape(false), List.of(positions, b.longs(node, "indices_shape", -1)), List.of(indices),
                        DataTypes.INT64)) {
            b.emit(node, new Gather(axis), List.of(data, indices), List.of(node.output(0)), b.type(x));
        }
    }
}
