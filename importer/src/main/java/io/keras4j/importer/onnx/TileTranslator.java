package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Tile;
import java.util.List;

/** ONNX Tile: input and repeats (constant or computed), as torch's {@code Tensor.repeat} exports it. */
final class TileTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        b.emit(node, new Tile(), List.of(node.input(0), node.input(1)), List.of(node.output(0)), b.type(node.input(0)));
    }
}
