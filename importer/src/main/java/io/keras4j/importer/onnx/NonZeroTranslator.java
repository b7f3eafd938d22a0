package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.NonZero;
import java.util.List;

/** ONNX NonZero (torch's nonzero, masked_select, boolean-mask indexing): int64 indices {@code [rank, count]}. */
final class NonZeroTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        b.emit(node, new NonZero(), List.of(node.input(0)), List.of(node.output(0)), DataTypes.INT64);
    }
}
