package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.Identity;
import java.util.List;

/**
 * ONNX Identity (of a tensor, a sequence or an optional), and Dropout at inference (the identity; ratio and seed do not matter, training_mode must be
 * a constant false, and the mask output is not supported).
 */
final class IdentityTranslator implements OpTranslator {
    private final boolean dropout;

    IdentityTranslator(boolean dropout) {
        this.dropout = dropout;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        if (dropout) {
            node.floatAttr("ratio", 0);
            node.intAttr("seed", 0);
            if (node.intAttr("is_test", 1) == 0) {
                node.problem("attribute is_test=0 asks for training behaviour; keras4j runs inference only");
                return;
            }
            if (!node.input(2).isEmpty()) {
                OnnxTensor training = Args.constant(node, b, 2, "training_mode");
                if (training == null || training.longs()[0] != 0) {
                    node.problem("training_mode must be a constant false; keras4j runs inference only");
                    return;
                }
            }
            if (!node.output(1).isEmpty()) {
                node.problem("output 1 (the dropout mask) is not supported");
                return;
            }
        }
        String x = node.input(0);
        if (dropout) {
            b.emit(node, new Identity(node.opType()), List.of(x), List.of(node.output(0)), b.type(x));
        } else {
            b.alias(node, x, node.output(0));
        }
    }
}
