package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX GatherND: the last axis of {@code indices} holds {@code k} indices into axes {@code batchDims .. batchDims+k-1} of
 * {@code data} (negative ones counting from the end), whose first {@code batchDims} axes pair with the indices' own; each
 * tuple gathers the slice of data behind those axes. Output {@code indices.shape[:-1] + data.shape[batchDims+k:]}.
 */
public final class GatherNd implements Op {
    private final int batchDims;

    public GatherNd(int batchDims) {
        if (batchDims < 0) {
            throw new IllegalArgumentException("GatherND: batch_dims " + batchDims + " must not be negative");
        }
        this.batchDims = batchDims;
    }

    @Override
    public String type() {
        return "GatherND";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("batch_dims", batchDims).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static GatherNd fromSpec(OpSpec s) {
        return new GatherNd(s.intAttr("batch_dims"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 2, type());
        int[] data = in[0];
        int[] idx = in[1];
        int q = idx.length;
        int k = q == 0 ? -1 : idx[q - 1];
        boolean fits = q >= 1 && k >= 1 && batchDims < Math.min(q, data.length) && batchDims + k <= data.length;
        for (int d = 0; fits && d < batchDims; d++) {
            fits = data[d] < 0 || idx[d] < 0 || data[d] == idx[d];
        }
        if (!fits) {
            throw new IllegalArgumentException(type() + ": indices " + Shapes.toString(idx) + " (a known last axis of 1 to the"
                    + " data's rank, after " + batchDims + " batch axes equal to the data's) do not fit data "
                    + Shapes.toString(data));
        }
        int[] out = new int[q - 1 + data.length - batchDims - k];
        System.arraycopy(idx, 0, out, 0, q - 1);
        System.arraycopy(data, batchDims + k, out, q - 1, data.length - batchDims - k);
        return new int[][] {out};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] data = inputShapes[0];
        int[] idx = inputShapes[1];
        int k = idx[idx.length - 1];
        int slice = product(data, batchDims + k, data.length);
        int batches = product(idx, 0, batchDims);
        int tuples = product(idx, batchDims, idx.length - 1);
        int perBatch = product(data, batchDims, data.length);
        float[] x = inputs[0];
        float[] indices = inputs[1];
        float[] y = outputs[0];
        for (int b = 0; b < batches; b++) {
            for (int t = 0; t < tuples; t++) {
                int tuple = b * tuples + t;
                int off = b * perBatch + offset(indices, tuple * k, k, data, batchDims, slice);
                System.arraycopy(x, off, y, tuple * slice, slice);
            }
        }
    }

    /**
     * The offset, within one batch, of the slice {@code k} indices from {@code indices[from]} select on axes
     * {@code first .. first+k-1} of {@code data} (behind which slices of {@code slice} values lie).
     */
    static int offset(float[] indices, int from, int k, int[] data, int first, int slice) {
        int off = 0;
        int stride = slice;
        for (int j = k - 1; j >= 0; j--) {
            int n = data[first + j];
            int i = Dims.integer(indices[from + j], "index");
            if (i < -n || i >= n) {
                throw new IllegalArgumentException("index " + i + " is out of range for axis " + (first + j) + " of size " + n);
            }
            off += (i < 0 ? i + n : i) * stride;
            stride *= n;
        }
        return off;
    }

    /** The product of {@code shape[from .. to)}. */
    static int product(int[] shape, int from, int to) {
        int p = 1;
        for (int d = from; d < to; d++) {
            p *= shape[d];
        }
        return p;
    }
}
