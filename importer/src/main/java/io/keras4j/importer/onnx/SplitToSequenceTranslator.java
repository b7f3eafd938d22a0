package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Squeeze;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX SplitToSequence along {@code axis} into a sequence of Slices: of the sizes in a constant 1-D {@code split}, of
 * chunks of a constant scalar {@code split} (the last smaller), or, without it, of size 1, squeezed unless {@code keepdims}.
 * The sequence's length must be known at import, so without a 1-D split the axis' size must be.
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
        if ((given == null || split.shape().length == 0) && shape[a] < 0) {
            node.problem("axis " + a + " of input shape " + io.keras4j.runtime.Shapes.toString(shape) + " has no size known at"
                    + " import, so the sequence's length is not known (a 1-D split gives it)");
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
