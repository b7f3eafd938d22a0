package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.Activation.Kind;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Squeeze;
import io.keras4j.runtime.ops.primitive.Where;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX Clip as ONNX Runtime computes it, {@code x < min ? min : x}, then the same against max: bounds are attributes
 * before opset 11, scalar inputs (shape [] or [1]) after, constant or computed at run time. An absent bound is float's
 * lowest or largest finite value, as ONNX defines it (so infinities become finite); a NaN bound clips nothing; with min
 * above max every value becomes max; NaN stays NaN. Constant bounds run as one activation, run-time ones as a Less (or
 * Greater) and a Where per bound.
 */
final class ClipTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        if (b.opset() < 11) {
            emitConstant(node, b, node.floatAttr("min", -Float.MAX_VALUE), node.floatAttr("max", Float.MAX_VALUE));
            return;
        }
        String min = node.input(1);
        String max = node.input(2);
        boolean scalars = scalar(node, b, 1, "min");
        if (!scalar(node, b, 2, "max") || !scalars) {
            return;
        }
        if ((min.isEmpty() || b.isConstant(min)) && (max.isEmpty() || b.isConstant(max))) {
            emitConstant(node, b, min.isEmpty() ? -Float.MAX_VALUE : b.constant(min).floats()[0],
                    max.isEmpty() ? Float.MAX_VALUE : b.constant(max).floats()[0]);
            return;
        }
        String raised = b.fresh(node, "raised");
        if (bound(node, b, node.input(0), min, -Float.MAX_VALUE, Elementwise.Kind.LESS, raised)) {
            bound(node, b, raised, max, Float.MAX_VALUE, Elementwise.Kind.GREATER, node.output(0));
        }
    }

    /** Both bounds constant: one activation, a NaN bound as an infinite one (clipping nothing, as ONNX Runtime). */
    private static void emitConstant(OnnxNode node, OnnxGraphBuilder b, float lo, float hi) {
        b.emit(node, new ActivationOp(Activation.of(Kind.CLIP, Float.isNaN(lo) ? Float.NEGATIVE_INFINITY : lo,
                Float.isNaN(hi) ? Float.POSITIVE_INFINITY : hi)), List.of(node.input(0)), List.of(node.output(0)), DataTypes.FLOAT);
    }

    /** Whether input {@code i}, if given, is a scalar as ONNX Runtime requires (shape [] or [1]); else a problem. */
    private static boolean scalar(OnnxNode node, OnnxGraphBuilder b, int i, String what) {
        String in = node.input(i);
        if (in.isEmpty() || !b.isDefined(in) || b.isUnavailable(in)) {
            return true; // absent, or emit reports it
        }
        int[] shape = b.shape(in);
        if (shape.length == 0 || shape.length == 1 && shape[0] == 1) {
            return true;
        }
        node.problem("input " + i + " (" + what + ", '" + in + "') must be a scalar (shape [] or [1]), got shape "
                + Arrays.toString(shape));
        return false;
    }

    /**
     * Emits {@code out = x beyond bound ? bound : x}, {@code beyond} LESS for the lower bound and GREATER for the upper one
     * (false for NaN, so a NaN bound or value is left alone); an absent bound is {@code absent}.
     *
     * @return whether {@code out} is now defined
     */
    private static boolean bound(OnnxNode node, OnnxGraphBuilder b, String x, String bound, float absent,
                                 Elementwise.Kind beyond, String out) {
        String value = bound;
        if (bound.isEmpty()) {
            value = b.fresh(node, "absent_bound");
            b.defineConstant(value, OnnxTensor.ofFloats(DataTypes.FLOAT, new int[0], new float[] {absent}));
        } else if (b.isDefined(bound) && !b.isUnavailable(bound) && b.shape(bound).length == 1) {
            value = b.fresh(node, "scalar_bound"); // [1] as [], so that it leaves a scalar x a scalar
            if (!b.emit(node, new Squeeze(new long[] {0}), List.of(bound), List.of(value), b.type(bound))) {
                return false;
            }
        }
        String outside = b.fresh(node, beyond == Elementwise.Kind.LESS ? "below" : "above");
        return b.emit(node, new Elementwise(beyond), List.of(x, value), List.of(outside), DataType.BOOL_VALUE)
                && b.emit(node, new Where(), List.of(outside, value, x), List.of(out), b.type(x));
    }
}
