package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Stft;
import java.util.List;

/**
 * ONNX STFT (opset 17; what torch's {@code stft} exports) of a real signal: constant {@code frame_step}, a constant
 * window, a constant {@code frame_length} (one of the two, equal when both), {@code onesided} (default 1); as ONNX
 * Runtime computes it in float32. A complex signal is refused.
 */
final class StftTranslator implements OpTranslator {
    @Override
    public int requiredInputs() {
        return 2;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        long[] step = Args.intScalar(node, b, 1, "frame_step");
        float[] window = null;
        if (!node.input(2).isEmpty()) {
            OnnxTensor t = Args.constant(node, b, 2, "window");
            if (t == null) {
                return;
            }
            if (t.shape().length != 1) {
                node.problem("window must be 1-D, got " + t);
                return;
            }
            window = t.floats();
        }
        long length = window == null ? -1 : window.length;
        if (!node.input(3).isEmpty()) {
            long[] given = Args.intScalar(node, b, 3, "frame_length");
            if (given == null) {
                return;
            }
            if (window != null && given[0] != window.length) {
                node.problem("frame_length " + given[0] + " differs from the window's length " + window.length);
                return;
            }
            length = given[0];
        }
        if (length == -1) {
            node.problem("neither a window (input 2) nor frame_length (input 3) is given");
            return;
        }
        int[] signal = b.shape(node.input(0));
        if (signal.length == 3 && signal[2] == 2) {
            node.problem("a complex signal (last axis 2) is not supported");
            return;
        }
        boolean onesided = Args.flag(node, "onesided", 1);
        if (step == null) {
            return;
        }
        if (step[0] < 1 || step[0] > Integer.MAX_VALUE || length < 1 || length > Integer.MAX_VALUE) {
            node.problem("frame_step " + step[0] + " and the frame length " + length + " must be positive");
            return;
        }
        b.emit(node, new Stft((int) step[0], (int) length, window, onesided), List.of(node.input(0)),
                List.of(node.output(0)), b.type(node.input(0)));
    }
}
