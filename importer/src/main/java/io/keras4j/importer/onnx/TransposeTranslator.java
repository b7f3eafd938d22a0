package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.Transpose;
import java.util.List;

/** ONNX Transpose; without perm the axes are reversed. */
final class TransposeTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        long[] perm = node.intsAttr("perm");
        int rank = b.shape(x).length;
        if (perm != null && perm.length != rank) {
            node.problem("perm " + java.util.Arrays.toString(perm) + " does not fit an input of rank " + rank);
            return;
        }
        int[] p = new int[rank];
        for (int d = 0; d < rank; d++) {
            p[d] = perm == null ? rank - 1 - d : (int) perm[d];
        }
        try {
            b.emit(node, new Transpose("Transpose", p), List.of(x), List.of(node.output(0)), b.type(x));
        } catch (IllegalArgumentException e) {
            node.problem("perm " + java.util.Arrays.toString(perm) + ": " + e.getMessage());
        }
    }
}
