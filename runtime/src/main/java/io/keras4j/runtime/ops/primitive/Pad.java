package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * Padding with a constant along each axis, as ONNX Pad in constant mode: {@code pads} holds the entries added before
 * each axis, then those added after each axis; a negative count removes entries instead (Keras ZeroPadding1D and
 * Cropping1D).
 */
public final class Pad implements Op {
    private final int[] pads;
    private final float value;

    /**
     * @param pads  {@code 2·rank} counts: before axis 0 .. rank-1, then after axis 0 .. rank-1
     * @param value the value of the added entries
     */
    public Pad(int[] pads, float value) {
        if (pads.length % 2 != 0) {
            throw new IllegalArgumentException("pads must hold two counts per axis, got " + pads.length);
        }
        this.pads = pads.clone();
        this.value = value;
    }

    @Override
    public String type() {
        return "Pad";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("pads", pads).attr("value", (double) value).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Pad fromSpec(OpSpec s) {
        return new Pad(s.intsAttr("pads"), (float) s.doubleAttr("value"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        int rank = in[0].length;
        if (pads.length != 2 * rank) {
            throw new IllegalArgumentException("Pad: " + pads.length + " counts for an input of rank " + rank);
        }
        int[] out = in[0].clone();
        for (int i = 0; i < rank; i++) {
            if (out[i] >= 0) {
                long length = (long) out[i] + pads[i] + pads[rank + i];
                if (length <= 0 || length > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("Pad: axis " + i + " of length " + in[0][i] + " padded by "
                            + pads[i] + " and " + pads[rank + i] + " gives " + length + " entries");
                }
                out[i] = (int) length;
            }
        }
        return new int[][] {out};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        int rank = x.length;
        int n = 1;
        for (int a = 0; a < rank; a++) {
            n *= x[a] + pads[a] + pads[rank + a];
        }
        for (int i = 0; i < n; i++) {
            int rest = i;
            int from = 0;
            int stride = 1;
            boolean inside = true;
            for (int a = rank - 1; a >= 0 && inside; a--) {
                int length = x[a] + pads[a] + pads[rank + a];
                int c = rest % length - pads[a];
                rest /= length;
                inside = c >= 0 && c < x[a];
                from += c * stride;
                stride *= x[a];
            }
            outputs[0][i] = inside ? inputs[0][from] : value;
        }
    }
}
