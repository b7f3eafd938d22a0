package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.Padding;
import io.keras4j.runtime.ops.Pooling;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * ONNX GlobalMaxPool and GlobalAveragePool (a Reduce over the spatial axes, keeping them: torch's AdaptiveMaxPool and
 * AdaptiveAvgPool to size 1), and MaxPool and AveragePool over one spatial axis ({@code [batch, channels, steps]}, torch's
 * MaxPool1d and AvgPool1d), two ({@code [batch, channels, rows, cols]}, MaxPool2d and AvgPool2d) or three
 * ({@code [batch, channels, depth, rows, cols]}, MaxPool3d and AvgPool3d), run channels last as a Pooling (one axis as a
 * row of one): {@code kernel_shape}, {@code strides} (default 1), {@code pads} below the kernel
 * size (as ONNX Runtime requires) and {@code auto_pad} (see {@link AutoPad}); padded positions take no part in a maximum,
 * and an average counts them with {@code count_include_pad=1}; {@code ceil_mode} as ONNX Runtime reads it (with explicit
 * pads: a last window that starts inside the input or its leading padding is kept, clipped). {@code storage_order} only
 * changes the Indices output. Dilations, MaxPool's Indices output and a SAME auto_pad over three axes of sizes unknown at
 * import are refused.
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
        pool(node, b, node.input(0), node.output(0));
    }

    /** Emits the node's pooling (its attributes) of value {@code in} into value {@code out}. */
    void pool(OnnxNode node, OnnxGraphBuilder b, String in, String out) {
        int[] shape = b.shape(in);
        int axes = shape.length - 2;
        if (axes < 1 || axes > 3) {
            node.problem(ConvTranslator.onlyAxes("pooling", 3, shape.length));
            return;
        }
        if (global) {
            long[] spatial = IntStream.range(2, shape.length).asLongStream().toArray();
            b.emit(node, new Reduce(max ? Reduce.Kind.MAX : Reduce.Kind.MEAN, spatial, true), List.of(in), List.of(out),
                    DataTypes.FLOAT);
            return;
        }
        long[] kernelShape = node.intsAttr("kernel_shape");
        if (kernelShape == null || kernelShape.length != axes || Arrays.stream(kernelShape).anyMatch(k -> k < 1 || k > 1 << 24)) {
            node.problem("kernel_shape " + Arrays.toString(kernelShape) + " must be " + axes + " positive size"
                    + (axes == 1 ? "" : "s") + " for a " + axes + "-D pooling");
            return;
        }
        int[] kernel = Arrays.stream(kernelShape).mapToInt(k -> (int) k).toArray();
        int[] strides = ConvTranslator.sizes(node, "strides", axes);
        int[] dilations = ConvTranslator.sizes(node, "dilations", axes);
        if (strides == null || dilations == null || refused(node, dilations)) {
            return;
        }
        // ONNX Runtime reads ceil_mode with explicit pads and with VALID: a SAME auto_pad fixes the output size itself
        boolean ceilMode = node.intAttr("ceil_mode", 0) != 0 && !node.stringAttr("auto_pad", "NOTSET").startsWith("SAME");
        AutoPad.Padding padding = AutoPad.of(node, Arrays.copyOfRange(shape, 2, shape.length), strides, kernel);
        if (padding == null) {
            return;
        }
        boolean countPadding = !max && node.intAttr("count_include_pad", 0) != 0;
        if (padding.same() && (countPadding || axes == 3)) {
            node.problem((axes == 3 ? "3-D pooling" : "count_include_pad=1") + " with auto_pad "
                    + node.stringAttr("auto_pad", "") + " over axes of sizes unknown at import is not supported");
            return;
        }
        int[] pads = padding.pads();
        for (int d = 0; pads != null && d < axes; d++) {
            if (pads[d] >= kernel[d] || pads[axes + d] >= kernel[d]) {
                node.problem("pads " + Arrays.toString(pads) + " must each be below the kernel size " + Arrays.toString(kernel)
                        + " (ONNX Runtime refuses larger)");
                return;
            }
        }
        Padding kind = padding.same() ? Padding.SAME : Padding.EXPLICIT;
        Pooling op = axes > 1 ? new Pooling(max, kernel, strides, kind, pads, countPadding, ceilMode)
                : new Pooling(max, new int[] {1, kernel[0]}, new int[] {1, strides[0]}, kind,
                        pads == null ? null : new int[] {0, pads[0], 0, pads[1]}, countPadding, ceilMode);
        if (axes > 1) {
            ConvTranslator.channelsLast(node, b, op, in, out, List.of());
            return;
        }
        ConvTranslator.channelsLastAsRow(node, b, op, in, out, List.of());
    }

    /** Records a problem for each attribute keras4j does not run (dilations, the Indices output). */
    private static boolean refused(OnnxNode node, int[] dilations) {
        boolean refused = false;
        if (Arrays.stream(dilations).anyMatch(d -> d != 1)) {
            node.problem("dilations " + Arrays.toString(dilations) + " are not supported (only 1)");
            refused = true;
        }
        node.intAttr("storage_order", 0); // the Indices' layout: without them, no effect
        if (!node.output(1).isEmpty()) {
            node.problem("the Indices output is not supported");
            refused = true;
        }
        return refused;
    }
}
