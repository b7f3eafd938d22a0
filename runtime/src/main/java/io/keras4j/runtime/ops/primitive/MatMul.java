package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX MatMul of two computed tensors, as numpy's {@code matmul}: {@code [..., M, K]} times {@code [..., K, N]} gives
 * {@code [..., M, N]}, the leading axes broadcast; a 1-D A is a row {@code [1, K]} and a 1-D B a column {@code [K, 1]}
 * whose axis the result drops. (A product by a constant matrix is a Dense op.) Each of B's matrices is packed into
 * scratch and multiplied by the product kernel Dense uses.
 */
public final class MatMul implements Op {
    @Override
    public String type() {
        return "MatMul";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static MatMul fromSpec(OpSpec s) {
        return new MatMul();
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 2, type());
        int[] a = in[0];
        int[] b = in[1];
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("MatMul takes inputs of rank 1 or more, got ranks " + a.length + " and "
                    + b.length);
        }
        int k = a[a.length - 1];
        int kb = b.length == 1 ? b[0] : b[b.length - 2];
        if (k >= 0 && kb >= 0 && k != kb) {
            throw new IllegalArgumentException("MatMul: A has " + k + " columns but B " + kb + " rows");
        }
        int[] batch = Dims.broadcast(new int[][] {batch(a), batch(b)}, type());
        int[] out = new int[batch.length + (a.length > 1 ? 1 : 0) + (b.length > 1 ? 1 : 0)];
        System.arraycopy(batch, 0, out, 0, batch.length);
        int at = batch.length;
        if (a.length > 1) {
            out[at++] = a[a.length - 2];
        }
        if (b.length > 1) {
            out[at] = b[b.length - 1];
        }
        return new int[][] {out};
    }

    private static int[] batch(int[] s) {
        return s.length <= 2 ? new int[0] : java.util.Arrays.copyOf(s, s.length - 2);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] a = inputShapes[0];
        int[] b = inputShapes[1];
        int ra = Math.max(a.length - 2, 0);
        int rb = Math.max(b.length - 2, 0);
        int m = a.length > 1 ? a[a.length - 2] : 1;
        int k = a[a.length - 1];
        int n = b.length > 1 ? b[b.length - 1] : 1;
        int rank = Math.max(ra, rb);
        int count = 1;
        for (int d = 0; d < rank; d++) {
            count *= Math.max(dim(a, ra, rank, d), dim(b, rb, rank, d));
        }
        float[] x = inputs[0];
        float[] y = inputs[1];
        float[] z = outputs[0];
        if (k == 0) {
            java.util.Arrays.fill(z, 0f);
            return;
        }
        int packedB = -1;
        for (int i = 0; i < count; i++) {
            int rest = i;
            int offA = 0;
            int offB = 0;
            int strideA = 1;
            int strideB = 1;
            for (int d = rank - 1; d >= 0; d--) {
                int da = dim(a, ra, rank, d);
                int db = dim(b, rb, rank, d);
                int c = rest % Math.max(da, db);
                rest /= Math.max(da, db);
                offA += da == 1 ? 0 : c * strideA;
                offB += db == 1 ? 0 : c * strideB;
                strideA *= da;
                strideB *= db;
            }
            if (offB != packedB) {
                io.keras4j.runtime.math.MatMul.pack(y, offB * k * n, k, n, scratch);
                packedB = offB;
            }
            io.keras4j.runtime.math.MatMul.multiply(x, offA * m * k, scratch, null, z, i * m * n, m, k, n);
        }
    }

    /** B's matrix, packed for the product kernel. */
    @Override
    public int scratchSize(int[][] in) {
        int[] b = in[1];
        int k = b.length == 1 ? b[0] : b[b.length - 2];
        int n = b.length > 1 ? b[b.length - 1] : 1;
        return Math.toIntExact((long) k * n);
    }

    /** Batch axis {@code d} of an input with {@code r} batch axes, aligned right to {@code rank} (1 where it has none). */
    private static int dim(int[] shape, int r, int rank, int d) {
        int at = d - (rank - r);
        return at < 0 ? 1 : shape[at];
    }
}
