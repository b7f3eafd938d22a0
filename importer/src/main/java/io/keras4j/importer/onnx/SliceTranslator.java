package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Slice;
import java.util.ArrayList;
import java.util.List;

/**
 * ONNX Slice: starts, ends and axes as attributes before opset 10, then as inputs (with steps). Constant
 * bounds beyond ±2^30 (torch writes INT64_MAX for "to the end") are clamped, which Slice's own clamping
 * makes exact.
 */
final class SliceTranslator implements OpTranslator {
    private static final long LIMIT = 1L << 30;

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        List<String> inputs = new ArrayList<>();
        inputs.add(node.input(0));
        if (b.opset() < 10) {
            long[] starts = node.intsAttr("starts");
            long[] ends = node.intsAttr("ends");
            long[] axes = node.intsAttr("axes");
            if (starts == null || ends == null) {
                node.problem("attributes starts and ends are required");
                return;
            }
            inputs.add(define(node, b, "starts", starts));
            inputs.add(define(node, b, "ends", ends));
            if (axes != null) {
                inputs.add(define(node, b, "axes", axes));
            }
        } else {
            for (int i = 1; i < 5 && i < node.inputCount(); i++) {
                String in = node.input(i);
                if (in.isEmpty() && i == 3 && !node.input(4).isEmpty()) {
                    in = defaultAxes(node, b);
                    if (in == null) {
                        return;
                    }
                } else if (in.isEmpty()) {
                    break;
                } else if (i <= 2 && b.isConstant(in)) {
                    long[] v = Args.ints(node, b.constant(in), i == 1 ? "starts" : "ends");
                    if (v == null) {
                        return;
                    }
                    in = define(node, b, i == 1 ? "starts" : "ends", v);
                }
                inputs.add(in);
            }
        }
        b.emit(node, new Slice(inputs.size()), inputs, List.of(node.output(0)), b.type(node.input(0)));
    }

    /** A constant int64 vector of {@code values}, clamped to ±2^30, defined under a fresh name for {@code node}. */
    static String define(OnnxNode node, OnnxGraphBuilder b, String what, long[] values) {
        long[] v = new long[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(-LIMIT, Math.min(LIMIT, values[i]));
        }
        String name = b.fresh(node, what);
        b.defineConstant(name, OnnxTensor.ofLongs(DataTypes.INT64, new int[] {v.length}, v));
        return name;
    }

    /** Steps given without axes: the axes are 0, 1, ... as many as starts has values. */
    private static String defaultAxes(OnnxNode node, OnnxGraphBuilder b) {
        int[] starts = b.shape(node.input(1));
        if (starts.length != 1 || starts[0] < 0) {
            node.problem("steps without axes need starts of known length, got shape " + io.keras4j.runtime.Shapes.toString(starts));
            return null;
        }
        long[] axes = new long[starts[0]];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        return define(node, b, "axes", axes);
    }
}
