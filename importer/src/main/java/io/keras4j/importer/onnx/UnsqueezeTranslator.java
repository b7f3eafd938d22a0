package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Squeeze;
import io.keras4j.runtime.ops.primitive.Unsqueeze;
import java.util.ArrayList;
import java.util.List;

/** ONNX Unsqueeze and Squeeze: axes from the attribute (before opset 13) or a constant second input. */
final class UnsqueezeTranslator implements OpTranslator {
    private final boolean squeeze;

    /** @param squeeze true for Squeeze, false for Unsqueeze */
    UnsqueezeTranslator(boolean squeeze) {
        this.squeeze = squeeze;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        long[] axes;
        if (b.opset() < 13) {
            axes = node.intsAttr("axes");
        } else if (node.input(1).isEmpty()) {
            axes = null;
        } else {
            OnnxTensor t = Args.constant(node, b, 1, "axes");
            if (t == null) {
                return;
            }
            axes = Args.ints(node, t, "axes");
            if (axes == null) {
                return;
            }
        }
        String x = node.input(0);
        if (axes == null) {
            if (!squeeze) {
                node.problem("axes are required");
                return;
            }
            axes = sizeOneAxes(node, b.shape(x));
            if (axes == null) {
                return;
            }
        }
        b.emit(node, squeeze ? new Squeeze(axes) : new Unsqueeze(axes), List.of(x), List.of(node.output(0)), b.type(x));
    }

    /** Squeeze without axes removes every axis of size 1, which must be known at import. */
    private static long[] sizeOneAxes(OnnxNode node, int[] shape) {
        List<Long> axes = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0) {
                node.problem("Squeeze without axes needs every dimension known at import, but the input has shape "
                        + io.keras4j.runtime.Shapes.toString(shape));
                return null;
            }
            if (shape[d] == 1) {
                axes.add((long) d);
            }
        }
        return axes.stream().mapToLong(Long::longValue).toArray();
    }
}
