package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.Conv1D;
import io.keras4j.runtime.ops.GlobalPooling1D;
import io.keras4j.runtime.ops.Pooling1D;
import io.keras4j.runtime.ops.Pooling2D;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX GlobalMaxPool and GlobalAveragePool ({@code [batch, channels, 1]}, torch's AdaptiveMaxPool1d(1) and
 * AdaptiveAvgPool1d(1)), and MaxPool and AveragePool, over one spatial axis ({@code [batch, channels, steps]}, torch's
 * MaxPool1d and AvgPool1d): {@code kernel_shape}, {@code strides} (default 1), without padding or with {@code auto_pad} SAME_UPPER
 * (padded steps take no part, so an average needs {@code count_include_pad=0}), and SAME_LOWER where it pads as
 * SAME_UPPER does (see {@link AutoPad}). Explicit pads, {@code ceil_mode=1}, dilations and MaxPool's Indices output
 * are refused.
 */
final class PoolTranslator implements OpTranslator {
    private final boolean max;
    private final boolean global;

    PoolTranslator(boolean max, boolean global) {
        this.max = max;
        this.global = global;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        int rank = b.shape(x).length;
        if (rank == 4) {
            translate2d(node, b);
            return;
        }
        if (rank != 3) {
            node.problem("only 1-D and 2-D pooling is supported (input [batch, channels, steps] or [batch, channels, rows,"
                    + " cols]), got an input of rank " + rank);
            return;
        }
        if (global) {
            b.emit(node, new GlobalPooling1D(max, true, true, false), List.of(x), List.of(node.output(0)), DataTypes.FLOAT);
            return;
        }
        long[] kernel = node.intsAttr("kernel_shape");
        long[] strides = node.intsAttr("strides");
        long[] dilations = node.intsAttr("dilations");
        long[] pads = node.intsAttr("pads");
        String autoPad = node.stringAttr("auto_pad", "NOTSET");
        boolean countPadding = node.intAttr("count_include_pad", 0) != 0;
        if (kernel == null || kernel.length != 1 || kernel[0] < 1 || kernel[0] > Integer.MAX_VALUE
                || strides != null && (strides.length != 1 || strides[0] < 1 || strides[0] > Integer.MAX_VALUE)) {
            node.problem("kernel_shape " + Arrays.toString(kernel) + " and strides " + Arrays.toString(strides)
                    + " must each be one positive size for a 1-D pooling");
            return;
        }
        int size = (int) kernel[0];
        int stride = strides == null ? 1 : (int) strides[0];
        if (node.intAttr("ceil_mode", 0) != 0 || node.intAttr("storage_order", 0) != 0
                || dilations != null && !Arrays.equals(dilations, new long[] {1}) || !node.output(1).isEmpty()) {
            node.problem("ceil_mode=1, storage_order=1, dilations and the Indices output are not supported");
            return;
        }
        Boolean same = AutoPad.same(node, autoPad, stride, size);
        if (same == null) {
            return;
        }
        if (!same && pads != null && Arrays.stream(pads).anyMatch(p -> p != 0)) {
            node.problem("pads " + Arrays.toString(pads) + " are not supported (only none, or auto_pad SAME_UPPER)");
            return;
        }
        if (same && !max && countPadding) {
            node.problem("count_include_pad=1 with auto_pad " + autoPad + " is not supported (padded steps are left out of"
                    + " the average)");
            return;
        }
        b.emit(node, new Pooling1D(max, size, stride, same, true), List.of(x), List.of(node.output(0)), DataTypes.FLOAT);
    }
    /**
     * Pooling over two spatial axes ({@code [batch, channels, rows, cols]}, torch's MaxPool2d, AvgPool2d and
     * AdaptiveAvg/MaxPool2d(1)), run channels last as a Pooling2D; explicit pads below the kernel size are honoured
     * (padded positions take no part in a maximum; an average counts them with {@code count_include_pad=1}).
     */
    private void translate2d(OnnxNode node, OnnxGraphBuilder b) {
        if (global) {
            b.emit(node, new Reduce(max ? Reduce.Kind.MAX : Reduce.Kind.MEAN, new long[] {2, 3}, true), List.of(node.input(0)),
                    List.of(node.output(0)), DataTypes.FLOAT);
            return;
        }
        long[] kernelShape = node.intsAttr("kernel_shape");
        if (kernelShape == null || kernelShape.length != 2 || Arrays.stream(kernelShape).anyMatch(k -> k < 1 || k > 1 << 24)) {
            node.problem("kernel_shape " + Arrays.toString(kernelShape) + " must be two positive sizes for a 2-D pooling");
            return;
        }
        int[] kernel = Arrays.stream(kernelShape).mapToInt(k -> (int) k).toArray();
        int[] strides = ConvTranslator.sizes(node, "strides", 2);
        int[] dilations = ConvTranslator.sizes(node, "dilations", 2);
        if (strides == null || dilations == null) {
            return;
        }
        if (node.intAttr("ceil_mode", 0) != 0 || node.intAttr("storage_order", 0) != 0
                || Arrays.stream(dilations).anyMatch(d -> d != 1) || !node.output(1).isEmpty()) {
            node.problem("ceil_mode=1, storage_order=1, dilations and the Indices output are not supported");
            return;
        }
        String autoPad = node.stringAttr("auto_pad", "NOTSET");
        Boolean same = AutoPad.same(node, autoPad, strides[0], kernel[0]);
        if (same == null || AutoPad.same(node, autoPad, strides[1], kernel[1]) == null) {
            return;
        }
        boolean countPadding = !max && node.intAttr("count_include_pad", 0) != 0;
        if (same && countPadding) {
            node.problem("count_include_pad=1 with auto_pad " + autoPad + " is not supported (padded positions are left out"
                    + " of the average)");
            return;
        }
        int[] pads = ConvTranslator.explicitPads(node, same || autoPad.equals("VALID"), 2);
        if (pads == null) {
            return;
        }
        if (pads[0] >= kernel[0] || pads[2] >= kernel[0] || pads[1] >= kernel[1] || pads[3] >= kernel[1]) {
            node.problem("pads " + Arrays.toString(pads) + " must each be below the kernel size " + Arrays.toString(kernel)
                    + " (ONNX Runtime refuses larger)");
            return;
        }
        ConvTranslator.channelsLast(node, b, same ? new Pooling2D(max, kernel, strides, Conv1D.Padding.SAME, null, false)
                : new Pooling2D(max, kernel, strides, Conv1D.Padding.EXPLICIT, pads, countPadding));
    }
}
