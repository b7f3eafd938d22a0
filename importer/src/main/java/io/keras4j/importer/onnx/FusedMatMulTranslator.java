package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.runtime.ops.Transpose;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;

/**
 * ONNX Runtime's FusedMatMul (com.microsoft): {@code alpha · A' · B'}, the MatMul product of the operands after
 * ONNX Runtime's transposes: {@code transBatchA} moves A's first axis to just before its last (axes
 * {@code [1, ..., r-2, 0, r-1]}; both operands then of one rank, at least 3), {@code transA} then swaps A's last two
 * axes, and likewise for B; each a Transpose (folded for a constant B), then {@link MatMulTranslator#product}, then a
 * multiplication by alpha unless it is 1.
 */
final class FusedMatMulTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String right = Args.required(node, 1, "B");
        if (right == null) {
            return;
        }
        float alpha = node.floatAttr("alpha", 1f);
        int problems = node.problems().size();
        boolean batchA = Args.flag(node, "transBatchA", 0);
        boolean batchB = Args.flag(node, "transBatchB", 0);
        boolean transA = Args.flag(node, "transA", 0);
        boolean transB = Args.flag(node, "transB", 0);
        if (node.problems().size() > problems) {
            return;
        }
        int rankA = b.shape(node.input(0)).length;
        int rankB = b.shape(right).length;
        if ((batchA || batchB) && (rankA != rankB || rankA < 3)) {
            node.problem("transBatchA or transBatchB needs A and B of one rank, at least 3 (as ONNX Runtime), got ranks "
                    + rankA + " and " + rankB);
            return;
        }
        if (transA && rankA < 2 || transB && rankB < 2) {
            node.problem("transA and transB need an operand of rank 2 or more, got ranks " + rankA + " and " + rankB);
            return;
        }
        String a = transposed(node, b, node.input(0), batchA, transA);
        String w = transposed(node, b, right, batchB, transB);
        if (a == null || w == null) {
            return;
        }
        int type = b.type(node.input(0));
        if (alpha == 1f) {
            MatMulTranslator.product(node, b, a, w, node.output(0), type);
            return;
        }
        String product = b.fresh(node, "product");
        MatMulTranslator.product(node, b, a, w, product, type);
        String scale = b.fresh(node, "alpha");
        b.defineConstant(scale, OnnxTensor.ofFloats(DataType.FLOAT_VALUE, new int[0], new float[] {alpha}));
        b.emit(node, new Elementwise(Elementwise.Kind.MUL), List.of(product, scale), List.of(node.output(0)), type);
    }


    /** The operand after its batch move and last-two-axes swap (itself when neither applies); null after a problem. */
    private static String transposed(OnnxNode node, OnnxGraphBuilder b, String x, boolean batch, boolean swap) {
        if (!batch && !swap) {
            return x;
        }
        int rank = b.shape(x).length;
        int[] perm = new int[rank];
        for (int d = 0; d < rank; d++) {
            perm[d] = d;
        }
        if (batch) {
            for (int d = 0; d < rank - 2; d++) {
                perm[d] = d + 1;
            }
            perm[rank - 2] = 0;
        }
        if (swap) {
            int last = perm[rank - 1];
            perm[rank - 1] = perm[rank - 2];
            perm[rank - 2] = last;
        }
        String out = b.fresh(node, "transposed");
        return b.emit(node, new Transpose("Transpose", perm), List.of(x), List.of(out), b.type(x)) ? out : null;
    }
}
