package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Dft;
import java.util.List;

/**
 * ONNX DFT (opsets 17 and 20): a real or complex signal along one axis, attribute {@code axis} (opset 17; default 1) or
 * a constant axis input (opset 20; default -2), a constant {@code dft_length} when given, {@code inverse},
 * {@code onesided}; as ONNX Runtime computes it in float32.
 */
final class DftTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        long length = -1;
        if (!node.input(1).isEmpty()) {
            long[] values = Args.intScalar(node, b, 1, "dft_length");
            if (values == null) {
                return;
            }
            length = values[0];
            if (length < 1 || length > Dft.MAX_LENGTH) {
                node.problem("dft_length must be in [1, " + Dft.MAX_LENGTH + "], got " + length);
                return;
            }
        }
        long axis = node.intAttr("axis", 1);
        if (b.opset() >= 20) {
            axis = -2;
            if (!node.input(2).isEmpty()) {
                long[] values = Args.intScalar(node, b, 2, "axis");
                if (values == null) {
                    return;
                }
                axis = values[0];
            }
        }
        int rank = b.shape(node.input(0)).length;
        if (axis < -rank || axis >= rank) {
            node.problem("axis must be in [-" + rank + ", " + rank + "), got " + axis);
            return;
        }
        Dft op = new Dft((int) axis, (int) length, Args.flag(node, "inverse", 0), Args.flag(node, "onesided", 0));
        b.emit(node, op, List.of(node.input(0)), List.of(node.output(0)), b.type(node.input(0)));
    }
}
