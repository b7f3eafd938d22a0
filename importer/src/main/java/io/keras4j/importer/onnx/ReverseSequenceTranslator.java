package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.ConstantOfShape;
import io.keras4j.runtime.ops.primitive.Cumulative;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.GatherElements;
import io.keras4j.runtime.ops.primitive.ShapeOf;
import io.keras4j.runtime.ops.primitive.Unsqueeze;
import io.keras4j.runtime.ops.primitive.Where;
import java.util.List;
import java.util.stream.LongStream;

/**
 * ONNX ReverseSequence: along {@code time_axis}, the first {@code sequence_lens[i]} steps of each batch entry i (along
 * {@code batch_axis}; the two axes are 0 and 1) reversed, the others kept. A GatherElements along the time axis of
 * positions {@code t < len ? len - 1 - t : t}, computed from the steps 0..T-1 (an exclusive CumSum of ones of the time
 * axis' Shape) and the lengths, broadcast over the later axes.
 */
final class ReverseSequenceTranslator implements OpTranslator {
    @Override
    public int requiredInputs() {
        return 2;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        int rank = b.shape(x).length;
        long batchAxis = node.intAttr("batch_axis", 1);
        long timeAxis = node.intAttr("time_axis", 0);
        if (rank < 2 || batchAxis + timeAxis != 1 || batchAxis * timeAxis != 0) {
            node.problem("batch_axis=" + batchAxis + " and time_axis=" + timeAxis + " must be 0 and 1 or 1 and 0, of an input of"
                    + " rank 2 or more, got rank " + rank);
            return;
        }
        String length = b.fresh(node, "time_length");
        String ones = b.fresh(node, "ones");
        String steps = b.fresh(node, "steps");
        String stepsAlong = b.fresh(node, "steps_along_time");
        String lengths = b.fresh(node, "lengths_along_batch");
        String inside = b.fresh(node, "inside");
        String last = b.fresh(node, "last");
        String reversed = b.fresh(node, "reversed");
        String positions = b.fresh(node, "positions");
        String spread = b.fresh(node, "positions_spread");
        int n = DataTypes.INT64;
        if (b.emit(node, new ShapeOf(timeAxis, timeAxis + 1), List.of(x), List.of(length), n)
                && b.emit(node, new ConstantOfShape(1f), List.of(length), List.of(ones), n)
                && b.emit(node, new Cumulative(Cumulative.Kind.SUM, 0, true, false), List.of(ones), List.of(steps), n)
                && b.emit(node, new Unsqueeze(new long[] {batchAxis}), List.of(steps), List.of(stepsAlong), n)
                && b.emit(node, new Unsqueeze(new long[] {timeAxis}), List.of(node.input(1)), List.of(lengths), n)
                && b.emit(node, new Elementwise(Elementwise.Kind.LESS), List.of(stepsAlong, lengths), List.of(inside), DataTypes.BOOL)
                && b.emit(node, new Elementwise(Elementwise.Kind.SUB), List.of(lengths, b.longs(node, "one", 1)), List.of(last), n)
                && b.emit(node, new Elementwise(Elementwise.Kind.SUB), List.of(last, stepsAlong), List.of(reversed), n)
                && b.emit(node, new Where(), List.of(inside, reversed, stepsAlong), List.of(positions), n)
                && b.emit(node, new Unsqueeze(LongStream.range(2, rank).toArray()), List.of(positions), List.of(spread), n)) {
            b.emit(node, new GatherElements((int) timeAxis, true), List.of(x, spread), List.of(node.output(0)), b.type(x));
        }
    }
}
