package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Reshape;
import io.keras4j.runtime.ops.primitive.Slice;
import java.util.List;

/**
 * ONNX Split along {@code axis} into the node's outputs, each a Slice: sizes from the {@code split} attribute (before
 * opset 13) or constant input, else equal parts of an axis whose size is known at import ({@code num_outputs} from
 * opset 18: parts of {@code ceil(size / n)}, the last smaller).
 */
final class SplitTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        int[] shape = b.shape(x);
        Integer a = Args.axisOf(node, shape.length);
        if (a == null) {
            return;
        }
        int parts = node.outputs().size();
        long numOutputs = node.intAttr("num_outputs", parts);
        long[] sizes = b.opset() < 13 ? node.intsAttr("split") : null;
        if (b.opset() >= 13 && !node.input(1).isEmpty()) {
            OnnxTensor t = Args.constant(node, b, 1, "split");
            sizes = t == null ? null : Args.ints(node, t, "split");
            if (sizes == null) {
                return;
            }
        }
        if (sizes == null) {
            if (shape[a] < 0) {
                node.problem("split sizes are needed: axis " + a + " of input shape " + io.keras4j.runtime.Shapes.toString(shape)
                        + " has no size known at import");
                return;
            }
            if (numOutputs != parts || b.opset() < 18 && shape[a] % parts != 0) {
                node.problem("axis " + a + " of size " + shape[a] + " does not split into " + numOutputs + " equal parts for "
                        + parts + " outputs");
                return;
            }
            long part = (shape[a] + parts - 1) / parts;
            sizes = new long[parts];
            for (int i = 0; i < parts; i++) {
                sizes[i] = Math.max(0, Math.min(part, shape[a] - i * part));
            }
        }
        if (sizes.length != parts) {
            node.problem("split " + java.util.Arrays.toString(sizes) + " gives " + sizes.length + " parts for " + parts
                    + " outputs");
            return;
        }
        long total = java.util.Arrays.stream(sizes).sum();
        if (shape[a] >= 0 && total != shape[a]) {
            node.problem("split " + java.util.Arrays.toString(sizes) + " sums to " + total + ", not axis " + a + "'s size "
                    + shape[a]);
            return;
        }
        slices(node, b, x, a, sizes, node.outputs());
    }

    /**
     * Emits {@code x}'s consecutive parts of {@code sizes} along {@code axis} as Slices into {@code outputs}; false after a
     * problem.
     */
    static boolean slices(OnnxNode node, OnnxGraphBuilder b, String x, int axis, long[] sizes, List<String> outputs) {
        int[] shape = b.shape(x);
        if (shape[axis] < 0) {
            // The sizes must sum to the axis' size, known only at run time: a Reshape to it (0 keeps the other
            // dimensions) refuses a call where they do not, as ONNX Runtime does, instead of slicing part of the axis.
            long[] target = new long[shape.length];
            target[axis] = java.util.Arrays.stream(sizes).sum();
            String checked = b.fresh(node, "split_sizes_checked");
            if (!b.emit(node, new Reshape(false), List.of(x, SliceTranslator.define(node, b, "shape", target)),
                    List.of(checked), b.type(x))) {
                return false;
            }
            x = checked;
        }
        String axes = SliceTranslator.define(node, b, "axes", new long[] {axis});
        long start = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 0) {
                node.problem("split " + java.util.Arrays.toString(sizes) + " has a negative size");
                return false;
            }
            String starts = SliceTranslator.define(node, b, "starts", new long[] {start});
            String ends = SliceTranslator.define(node, b, "ends", new long[] {start + sizes[i]});
            if (!b.emit(node, new Slice(4), List.of(x, starts, ends, axes), List.of(outputs.get(i)), b.type(x))) {
                return false;
            }
            start += sizes[i];
        }
        return true;
    }
}
