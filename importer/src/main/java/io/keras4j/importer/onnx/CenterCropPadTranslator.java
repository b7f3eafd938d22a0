package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Pad;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/**
 * ONNX CenterCropPad (opset 18): each of {@code axes} (default all; negative from the end) cropped or padded with zeros
 * to the constant {@code shape}, centred, the smaller half of an odd difference before: one Pad whose negative counts
 * crop. The sizes of those axes must be known at import.
 */
final class CenterCropPadTranslator implements OpTranslator {
    @Override
    public int requiredInputs() {
        return 2;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        int[] dims = b.shape(x);
        int rank = dims.length;
        OnnxTensor t = Args.constant(node, b, 1, "shape");
        long[] target = t == null ? null : Args.ints(node, t, "shape");
        if (target == null) {
            return;
        }
        long[] axes = node.intsAttr("axes");
        axes = axes == null ? LongStream.range(0, rank).toArray() : axes;
        if (target.length != axes.length) {
            node.problem("shape " + Arrays.toString(target) + " must hold one size for each of the axes " + Arrays.toString(axes));
            return;
        }
        int[] pads = new int[2 * rank];
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < -rank || axes[i] >= rank) {
                node.problem("axis " + axes[i] + " is out of range for an input of rank " + rank);
                return;
            }
            int a = (int) (axes[i] < 0 ? axes[i] + rank : axes[i]);
            if (dims[a] < 0 || target[i] < 0 || target[i] > OnnxImporter.MAX_DIMENSION) {
                node.problem(dims[a] < 0 ? "the size of axis " + a + " must be known at import"
                        : "shape " + Arrays.toString(target) + " must hold sizes from 0 to " + OnnxImporter.MAX_DIMENSION);
                return;
            }
            int difference = (int) target[i] - dims[a];
            pads[a] = difference >= 0 ? difference / 2 : -(-difference / 2);
            pads[rank + a] = difference - pads[a];
        }
        b.emit(node, new Pad(pads, 0f), List.of(x), List.of(node.output(0)), b.type(x));
    }
}
