package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.Transpose;
import io.keras4j.runtime.ops.primitive.Reshape;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX DepthToSpace ({@code mode} DCR or CRD; torch's PixelShuffle exports CRD) and SpaceToDepth over
 * {@code [batch, channels, rows, cols]}, {@code blocksize}: a Reshape to six axes, a Transpose and a Reshape back, as the
 * operators' definitions spell them out. The channels and at least one of rows and columns must be known at import.
 */
final class DepthToSpaceTranslator implements OpTranslator {
    private final boolean toSpace;

    /** @param toSpace DepthToSpace; else SpaceToDepth */
    DepthToSpaceTranslator(boolean toSpace) {
        this.toSpace = toSpace;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        int[] shape = b.shape(node.input(0));
        long block = node.intAttr("blocksize", 0);
        String mode = toSpace ? node.stringAttr("mode", "DCR") : "DCR";
        if (shape.length != 4 || block < 1 || block > 1 << 12 || !mode.equals("DCR") && !mode.equals("CRD")) {
            node.problem("takes [batch, channels, rows, cols] with a blocksize from 1 to 4096" + (toSpace ? " and mode DCR or"
                    + " CRD" : "") + ", got an input of rank " + shape.length + ", blocksize " + block
                    + (toSpace ? ", mode " + mode : ""));
            return;
        }
        int k = (int) block;
        int channels = shape[1];
        int rows = shape[2];
        int cols = shape[3];
        boolean fits = channels > 0 && (rows >= 0 || cols >= 0) && (toSpace ? channels % (k * k) == 0
                && (long) Math.max(rows, cols) * k <= 1 << 24 : (rows < 0 || rows % k == 0) && (cols < 0 || cols % k == 0)
                && (long) channels * k * k <= 1 << 24);
        if (!fits) {
            node.problem("blocksize " + k + " does not fit an input of " + Arrays.toString(shape) + " (known channels "
                    + (toSpace ? "divisible by blocksize²" : "and rows and columns divisible by blocksize")
                    + ", and the rows or the columns known at import)");
            return;
        }
        int[] six;
        int[] perm;
        int[] four;
        if (toSpace) {
            int out = channels / (k * k);
            boolean dcr = mode.equals("DCR");
            six = dcr ? new int[] {0, k, k, out, rows, cols} : new int[] {0, out, k, k, rows, cols};
            perm = dcr ? new int[] {0, 3, 4, 1, 5, 2} : new int[] {0, 1, 4, 2, 5, 3};
            four = new int[] {0, out, rows < 0 ? -1 : rows * k, cols < 0 ? -1 : cols * k};
        } else {
            six = new int[] {0, channels, rows < 0 ? -1 : rows / k, k, cols < 0 ? -1 : cols / k, k};
            perm = new int[] {0, 3, 5, 1, 2, 4};
            four = new int[] {0, channels * k * k, rows < 0 ? -1 : rows / k, cols < 0 ? -1 : cols / k};
        }
        String split = reshape(node, b, node.input(0), six, b.fresh(node, "six_axes"));
        String moved = b.fresh(node, "moved");
        b.emit(node, new Transpose(node.opType(), perm), List.of(split), List.of(moved), b.type(node.input(0)));
        reshape(node, b, moved, four, node.output(0));
    }

    /** Emits a Reshape of {@code in} to {@code target} (0 copies the batch, -1 is inferred) into {@code out}. */
    private static String reshape(OnnxNode node, OnnxGraphBuilder b, String in, int[] target, String out) {
        String shape = b.fresh(node, "shape");
        b.defineConstant(shape, OnnxTensor.ofLongs(DataTypes.INT64, new int[] {target.length},
                Arrays.stream(target).asLongStream().toArray()));
        b.emit(node, new Reshape(false), List.of(in, shape), List.of(out), b.type(in));
        return out;
    }
}
