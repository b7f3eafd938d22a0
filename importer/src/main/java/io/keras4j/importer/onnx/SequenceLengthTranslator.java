package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.ShapeOf;
import io.keras4j.runtime.ops.primitive.Squeeze;
import java.util.List;

/**
 * ONNX SequenceLength, an int64 scalar: a constant for a sequence known at import, else the stacked tensor's first
 * dimension.
 */
final class SequenceLengthTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        SequenceValue s = Sequences.input(node, b, 0);
        if (s == null) {
            return;
        }
        if (s.isStatic()) {
            b.defineConstant(node.output(0), OnnxTensor.ofLongs(DataTypes.INT64, new int[0], new long[] {s.elements().size()}));
            return;
        }
        String length = b.fresh(node, "length");
        if (b.emit(node, new ShapeOf(0, 1), List.of(s.stacked()), List.of(length), DataTypes.INT64)) {
            b.emit(node, new Squeeze(new long[] {0}), List.of(length), List.of(node.output(0)), DataTypes.INT64);
        }
    }
}
