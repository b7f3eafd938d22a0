package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Dense;
import io.keras4j.runtime.ops.primitive.MatMul;
import java.util.List;

/**
 * ONNX MatMul: a computed tensor {@code [..., K]} times a constant 2-D matrix {@code [K, N]} is a Dense op without bias;
 * any other product (attention's scores and weighted values) the MatMul primitive, numpy's {@code matmul}.
 */
final class MatMulTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String right = Args.required(node, 1, "B");
        if (right != null) {
            product(node, b, node.input(0), right, node.output(0), b.type(node.input(0)));
        }
    }

    /** Emits {@code out = a · right} of element type {@code type}: a Dense op when right is a constant matrix. */
    static void product(OnnxNode node, OnnxGraphBuilder b, String a, String right, String out, int type) {
        OnnxTensor w = b.isConstant(right) ? b.constant(right) : null;
        if (w != null && w.shape().length == 2 && b.shape(a).length >= 2 && !b.isConstant(a)) {
            int[] ws = w.shape();
            Dense op = new Dense(ws[0], ws[1], w.floats(), null, Activation.of(Activation.Kind.LINEAR));
            b.emit(node, op, List.of(a), List.of(out), type);
            return;
        }
        b.emit(node, new MatMul(), List.of(a, right), List.of(out), type);
    }

    /** A bias of {@code units} values, times {@code scale}, from a constant of shape [N], [1, N], [1] or a scalar; null after a problem. */
    static float[] rowBias(OnnxNode node, OnnxTensor c, int units, float scale) {
        int[] s = c.shape();
        float[] v = c.floats();
        boolean row = v.length == units && (s.length == 1 || s.length == 2 && s[0] == 1);
        if (!row && v.length != 1) {
            node.problem("C must have shape [" + units + "], [1, " + units + "] or be a scalar, got " + c);
            return null;
        }
        float[] bias = new float[units];
        for (int n = 0; n < units; n++) {
            float x = row ? v[n] : v[0];
            bias[n] = scale == 1f ? x : scale * x;
        }
        return bias;
    }
}
