package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.Transpose;
import io.keras4j.runtime.ops.primitive.Squeeze;
import io.keras4j.runtime.ops.primitive.Unsqueeze;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX SplitToSequence along {@code axis} into a sequence of Slices: of the sizes in a constant 1-D {@code split}, of
 * chunks of a constant scalar {@code split} (the last smaller), or, without it, of size 1, squeezed unless {@code keepdims}.
 * Without split, on an axis whose size is known only at run time (torch.jit.script's list of a Loop's scan output, at
 * opsets before 13), the sequence is of run-time length: the input with that axis moved first (and, with keepdims, a
 * new axis of 1 in its place) stacks its elements.
 */
final class SplitToSequenceTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        int[] shape = b.shape(x);
        Integer a = Args.axisOf(node, shape.length);
        boolean keepdims = Args.flag(node, "keepdims", 1);
        if (!node.problems().isEmpty()) {
            return;
        }
        OnnxTensor split = node.input(1).isEmpty() ? null : Args.constant(node, b, 1, "split");
        long[] given = split == null ? null : Args.ints(node, split, "split");
        if (!node.problems().isEmpty()) {
            return;
        }
        if (given == null && shape[a] < 0) {
            stacked(node, b, x, a, keepdims);
            return;
        }
        if (given != null && split.shape().length == 0 && shape[a] < 0) {
            node.problem("axis " + a + " of input shape " + io.keras4j.runtime.Shapes.toString(shape) + " has no size known at"
                    + " import, so the number of chunks of a scalar split is not known");
            return;
        }
        long[] sizes = given != null && split.shape().length == 1 ? given : chunks(node, shape[a], given == null ? 1 : given[0]);
        if (sizes == null) {
            return;
        }
        long total = Arrays.stream(sizes).sum();
        if (shape[a] >= 0 && total != shape[a]) {
            node.problem("split " + Arrays.toString(sizes) + " sums to " + total + ", not axis " + a + "'s size " + shape[a]);
            return;
        }
        boolean squeeze = given == null && !keepdims;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            parts.add(b.fresh(node, "part"));
        }
        if (!SplitTranslator.slices(node, b, x, a, sizes, parts)) {
            return;
        }
        List<String> elements = new ArrayList<>();
        for (String part : parts) {
            String element = part;
            if (squeeze) {
                element = b.fresh(node, "squeezed");
                if (!b.emit(node, new Squeeze(new long[] {a}), List.of(part), List.of(element), b.type(x))) {
                    return;
                }
            }
            elements.add(element);
        }
        b.defineSequence(node.output(0), SequenceValue.of(b.type(x), elements));
    }

    /** The sequence of x's slices along {@code axis}, of run-time length: x with the axis moved first, stacking them. */
    private static void stacked(OnnxNode node, OnnxGraphBuilder b, String x, int axis, boolean keepdims) {
        String moved = x;
        if (axis > 0) {
            moved = b.fresh(node, "moved");
            int[] perm = Sequences.moveAxis(b.shape(x).length, axis, 0);
            if (!b.emit(node, new Transpose("Transpose", perm), List.of(x), List.of(moved), b.type(x))) {
                return;
            }
        }
        String stacked = moved;
        if (keepdims) {
            stacked = b.fresh(node, "kept");
            if (!b.emit(node, new Unsqueeze(new long[] {axis + 1}), List.of(moved), List.of(stacked), b.type(x))) {
                return;
            }
        }
        b.defineSequence(node.output(0), SequenceValue.stacking(b.type(x), stacked));
    }

    /** Sizes of chunks of {@code chunk} covering {@code length}, the last smaller; null after a problem. */
    private static long[] chunks(OnnxNode node, int length, long chunk) {
        if (chunk <= 0) {
            node.problem("split " + chunk + " must be positive");
            return null;
        }
        long[] sizes = new long[(int) ((length + chunk - 1) / chunk)];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = Math.min(chunk, length - i * chunk);
        }
        return sizes;
    }
}
