package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.GatherElements;
import java.util.List;

/**
 * ONNX GatherElements (torch.gather): data and indices of one rank, {@code axis}; the output has the indices' shape, whose
 * other axes may be shorter than the data's; negative indices count from the end.
 */
final class GatherElementsTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        b.emit(node, new GatherElements(Args.axis(node, 0), false), List.of(node.input(0), node.input(1)),
                List.of(node.output(0)), b.type(node.input(0)));
    }
}
