package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Pad;
import java.util.List;
import java.util.Map;

/**
 * ONNX Pad: attributes pads and value before opset 11, then inputs pads (constant, or computed at run time, as torch
 * exports {@code F.pad} by sizes read from the input's shape), constant_value and (from opset 18) axes, both constant;
 * modes constant, reflect, edge and wrap (opset 19), each padding as far as {@link Pad} allows; negative pads remove
 * entries first, as ONNX Runtime does.
 */
final class PadTranslator implements OpTranslator {
    private static final Map<String, Pad.Mode> MODES = Map.of("constant", Pad.Mode.CONSTANT, "reflect", Pad.Mode.REFLECT,
            "edge", Pad.Mode.EDGE, "wrap", Pad.Mode.WRAP);
    /** Larger pads than any tensor keras4j holds. */
    private static final long LIMIT = 1L << 30;

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String name = node.stringAttr("mode", "constant");
        Pad.Mode mode = MODES.get(name);
        if (mode == null) {
            node.problem("mode=" + name + " is not supported (constant, reflect, edge or wrap)");
            return;
        }
        if (mode == Pad.Mode.WRAP && b.opset() < 19) {
            node.problem("mode=wrap needs opset 19 or later, the model imports opset " + b.opset());
            return;
        }
        int rank = b.shape(node.input(0)).length;
        long[] pads;
        float value = 0f;
        long[] axes = null;
        if (b.opset() < 11) {
            pads = node.intsAttr("pads");
            value = node.floatAttr("value", 0f);
            if (pads == null) {
                node.problem("attribute pads is required");
                return;
            }
        } else {
            String padsIn = Args.required(node, 1, "pads");
            boolean computed = padsIn != null && !b.isConstant(padsIn);
            OnnxTensor p = padsIn == null || computed ? null : Args.constant(node, b, 1, "pads");
            pads = p == null ? null : Args.ints(node, p, "pads");
            OnnxTensor v = node.input(2).isEmpty() ? null : Args.constant(node, b, 2, "constant_value");
            OnnxTensor a = node.input(3).isEmpty() ? null : Args.constant(node, b, 3, "axes");
            axes = a == null ? null : Args.ints(node, a, "axes");
            if (pads == null && !computed || !node.input(2).isEmpty() && v == null
                    || !node.input(3).isEmpty() && axes == null) {
                return;
            }
            if (v != null && v.floats().length != 1) {
                node.problem("constant_value must be a scalar, got " + v);
                return;
            }
            value = v == null ? 0f : v.floats()[0];
            if (computed) {
                int[] padded = padAxes(node, axes, rank);
                if (padded != null) {
                    b.emit(node, Pad.computed(padded, value, mode), List.of(node.input(0), padsIn), List.of(node.output(0)),
                            b.type(node.input(0)));
                }
                return;
            }
        }
        int[] full = fullPads(node, pads, axes, rank);
        if (full != null) {
            b.emit(node, new Pad(full, value, mode), List.of(node.input(0)), List.of(node.output(0)), b.type(node.input(0)));
        }
    }

    private static boolean outside(long pad) {
        return pad < -LIMIT || pad > LIMIT;
    }

    /** The pads of every axis ({@code 2·rank}, begins then ends) from those of {@code axes} (all when null), or null. */
    private static int[] fullPads(OnnxNode node, long[] pads, long[] axes, int rank) {
        int[] padded = padAxes(node, axes, rank);
        if (padded == null) {
            return null;
        }
        int n = padded.length;
        if (pads.length != 2 * n) {
            node.problem("pads holds " + pads.length + " values for " + n + " axes (two per axis)");
            return null;
        }
        int[] full = new int[2 * rank];
        for (int i = 0; i < n; i++) {
            if (outside(pads[i]) || outside(pads[n + i])) {
                node.problem("pads " + pads[i] + " and " + pads[n + i] + " of axis " + padded[i] + " are larger than any"
                        + " tensor");
                return null;
            }
            full[padded[i]] = (int) pads[i];
            full[rank + padded[i]] = (int) pads[n + i];
        }
        return full;
    }

    /** The axes the pads are for, made non-negative ({@code 0 .. rank-1} when {@code axes} is null), or null. */
    private static int[] padAxes(OnnxNode node, long[] axes, int rank) {
        int n = axes == null ? rank : axes.length;
        int[] padded = new int[n];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < n; i++) {
            long axis = axes == null ? i : axes[i] < 0 ? axes[i] + rank : axes[i];
            if (axis < 0 || axis >= rank || seen[(int) axis]) {
                node.problem("axis " + (axes == null ? i : axes[i]) + " is out of range for an input of rank " + rank
                        + " or named twice");
                return null;
            }
            seen[(int) axis] = true;
            padded[i] = (int) axis;
        }
        return padded;
    }
}
