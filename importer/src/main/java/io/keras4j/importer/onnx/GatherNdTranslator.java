package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.GatherNd;
import java.util.List;

/** ONNX GatherND ({@code batch_dims} from opset 12): see {@link GatherNd}. */
final class GatherNdTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        long batchDims = node.intAttr("batch_dims", 0);
        if (batchDims < 0 || batchDims > 8) {
            node.problem("attribute batch_dims=" + batchDims + " is not supported (0 to 8)");
            return;
        }
        b.emit(node, new GatherNd((int) batchDims), List.of(node.input(0), node.input(1)), List.of(node.output(0)),
                b.type(node.input(0)));
    }
}
