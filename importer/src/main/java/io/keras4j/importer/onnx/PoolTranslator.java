package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.Padding;
import io.keras4j.runtime.ops.Pooling;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * ONNX GlobalMaxPool, GlobalAveragePool and GlobalLpPool (a Reduce over the spatial axes, keeping them: torch's
 * AdaptiveMaxPool and AdaptiveAvgPool to size 1), and MaxPool, AveragePool and LpPool over one spatial axis ({@code [batch, channels, steps]}, torch's
 * MaxPool1d and AvgPool1d), two ({@code [batch, channels, rows, cols]}, MaxPool2d and AvgPool2d) or three
 * ({@code [batch, channels, depth, rows, cols]}, MaxPool3d and AvgPool3d), run channels last as a Pooling (one axis as a
 * row of one): {@code kernel_shape}, {@code strides} (default 1), {@code pads} below the kernel
 * size (as ONNX Runtime requires) and {@code auto_pad} (see {@link AutoPad}); padded positions take no part in a maximum,
 * and an average counts them with {@code count_include_pad=1}; {@code ceil_mode} as ONNX Runtime reads it (with explicit
 * pads: a last window that starts inside the input or its leading padding is kept, clipped). {@code storage_order} only
 * changes the Indices output. LpPool and GlobalLpPool ({@code p}, default 2) as ONNX Runtime computes them,
 * {@code (Σ |x|^p)^(1/p)} over each window: Abs and Pow, the window's sum (an average counting the padding, times the
 * window's size; a ReduceSum for the global one), Pow by 1/p. Dilations, MaxPool's Indices output, LpPool's
 * {@code ceil_mode} and a SAME auto_pad over three axes of sizes unknown at import are refused.
 */
final class PoolTranslator implements OpTranslator {
    /** What a window gives. */
    enum Kind { MAX, AVERAGE, LP }

    private final Kind kind;
    private final boolean global;

    PoolTranslator(Kind kind, boolean global) {
        this.kind = kind;
        this.global = global;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        if (kind != Kind.LP) {
            pool(node, b, node.input(0), node.output(0));
            return;
        }
        long p = node.intAttr("p", 2);
        if (p < 1) {
            node.problem("p=" + p + " is not supported (a positive integer)");
            return;
        }
        String magnitude = b.fresh(node, "abs");
        String powered = b.fresh(node, "powered");
        String sum = b.fresh(node, "sum");
        int f = DataTypes.FLOAT;
        if (b.emit(node, new ActivationOp(Activation.of(Activation.Kind.ABS)), List.of(node.input(0)), List.of(magnitude), f)
                && b.emit(node, new Elementwise(Elementwise.Kind.POW), List.of(magnitude, b.floats(node, "p", p)), List.of(powered), f)
                && pool(node, b, powered, sum)) {
            b.emit(node, new Elementwise(Elementwise.Kind.POW), List.of(sum, b.floats(node, "inverse_p", 1f / p)),
                    List.of(node.output(0)), f);
        }
    }

    /**
     * Emits the node's pooling (its attributes) of value {@code in} into value {@code out} (LP: each window's sum).
     *
     * @return whether {@code out} is now defined
     */
    boolean pool(OnnxNode node, OnnxGraphBuilder b, String in, String out) {
        int[] shape = b.shape(in);
        int axes = shape.length - 2;
        if (axes < 1 || axes > 3) {
            node.problem(ConvTranslator.onlyAxes("pooling", 3, shape.length));
            return false;
        }
        if (global) {
            long[] spatial = IntStream.range(2, shape.length).asLongStream().toArray();
            Reduce.Kind reduce = switch (kind) {
                case MAX -> Reduce.Kind.MAX;
                case AVERAGE -> Reduce.Kind.MEAN;
                case LP -> Reduce.Kind.SUM;
            };
            return b.emit(node, new Reduce(reduce, spatial, true), List.of(in), List.of(out), DataTypes.FLOAT);
        }
        long[] kernelShape = node.intsAttr("kernel_shape");
        if (kernelShape == null || kernelShape.length != axes || Arrays.stream(kernelShape).anyMatch(k -> k < 1 || k > 1 << 24)) {
            node.problem("kernel_shape " + Arrays.toString(kernelShape) + " must be " + axes + " positive size"
                    + (axes == 1 ? "" : "s") + " for a " + axes + "-D pooling");
            return false;
        }
        int[] kernel = Arrays.stream(kernelShape).mapToInt(k -> (int) k).toArray();
        int[] strides = ConvTranslator.sizes(node, "strides", axes);
        int[] dilations = ConvTranslator.sizes(node, "dilations", axes);
        if (strides == null || dilations == null || refused(node, dilations)) {
            return false;
        }
        // ONNX Runtime reads ceil_mode with explicit pads and with VALID: a SAME auto_pad fixes the output size itself
        boolean ceilMode = node.intAttr("ceil_mode", 0) != 0 && !node.stringAttr("auto_pad", "NOTSET").startsWith("SAME");
        if (ceilMode && kind == Kind.LP) {
            node.problem("ceil_mode=1 is not supported");
            return false;
        }
        AutoPad.Padding padding = AutoPad.of(node, Arrays.copyOfRange(shape, 2, shape.length), strides, kernel);
        if (padding == null) {
            return false;
        }
        boolean countPadding = kind == Kind.LP || kind == Kind.AVERAGE && node.intAttr("count_include_pad", 0) != 0;
        if (padding.same() && (countPadding || axes == 3)) {
            node.problem((axes == 3 ? "3-D pooling" : kind == Kind.LP ? "LpPool" : "count_include_pad=1") + " with auto_pad "
                    + node.stringAttr("auto_pad", "") + " over axes of sizes unknown at import is not supported");
            return false;
        }
        int[] pads = padding.pads();
        for (int d = 0; pads != null && d < axes; d++) {
            if (pads[d] >= kernel[d] || pads[axes + d] >= kernel[d]) {
                node.problem("pads " + Arrays.toString(pads) + " must each be below the kernel size " + Arrays.toString(kernel)
                        + " (ONNX Runtime refuses larger)");
                return false;
            }
        }
        Padding paddingKind = padding.same() ? Padding.SAME : Padding.EXPLICIT;
        boolean max = kind == Kind.MAX;
        Pooling op = axes > 1 ? new Pooling(max, kernel, strides, paddingKind, pads, countPadding, ceilMode)
                : new Pooling(max, new int[] {1, kernel[0]}, new int[] {1, strides[0]}, paddingKind,
                        pads == null ? null : new int[] {0, pads[0], 0, pads[1]}, countPadding, ceilMode);
        String pooled = kind == Kind.LP ? b.fresh(node, "average") : out;
        if (axes > 1) {
            ConvTranslator.channelsLast(node, b, op, in, pooled, List.of());
        } else {
            ConvTranslator.channelsLastAsRow(node, b, op, in, pooled, List.of());
        }
        if (kind != Kind.LP || !b.isDefined(pooled)) {
            return b.isDefined(pooled);
        }
        String size = b.floats(node, "window_size", Arrays.stream(kernel).reduce(1, (x, y) -> x * y));
        return b.emit(node, new Elementwise(Elementwise.Kind.MUL), List.of(pooled, size), List.of(out), DataTypes.FLOAT);
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
