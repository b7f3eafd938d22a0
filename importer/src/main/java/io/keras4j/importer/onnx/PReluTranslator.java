package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.PRelu;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX PRelu with a constant slope (torch's nn.PReLU), which broadcasts to X aligned right: run as Keras' PReLU, whose
 * alpha has a sample's shape (the slope padded with leading 1s; a leading batch axis of size 1 dropped).
 */
final class PReluTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        int rank = b.shape(x).length;
        OnnxTensor slope = Args.constant(node, b, 1, "slope");
        if (slope == null) {
            return;
        }
        int[] s = slope.shape();
        int extra = s.length - (rank - 1);
        if (rank < 1 || extra > 1 || extra == 1 && s[0] != 1) {
            node.problem("slope " + slope + " does not broadcast to one sample of an input of rank " + rank);
            return;
        }
        int[] alphaShape = new int[Math.max(rank - 1, 0)];
        Arrays.fill(alphaShape, 1);
        for (int d = Math.max(extra, 0); d < s.length; d++) {
            alphaShape[d - extra] = s[d];
        }
        b.emit(node, new PRelu(alphaShape, slope.floats()), List.of(x), List.of(node.output(0)), DataTypes.FLOAT);
    }
}
