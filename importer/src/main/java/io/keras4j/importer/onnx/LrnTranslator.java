package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.LocalResponseNormalization;

/**
 * ONNX LRN over {@code [batch, channels, rows, cols]} ({@code size}, odd; ONNX Runtime runs no other input or size; {@code alpha} 1e-4,
 * {@code beta} 0.75, {@code bias} 1), run channels last as a {@link LocalResponseNormalization} between two Transposes.
 */
final class LrnTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        int[] shape = b.shape(node.input(0));
        long size = node.intAttr("size", 0);
        if (shape.length != 4 || size < 1 || size > 1 << 24 || size % 2 == 0) {
            node.problem("takes [batch, channels, rows, cols] and an odd size from 1 to 2^24 (ONNX Runtime runs no other),"
                    + " got an input of rank " + shape.length + " and size " + size);
            return;
        }
        ConvTranslator.channelsLast(node, b, new LocalResponseNormalization((int) size, node.floatAttr("alpha", 1e-4f),
                node.floatAttr("beta", 0.75f), node.floatAttr("bias", 1f)));
    }
}
