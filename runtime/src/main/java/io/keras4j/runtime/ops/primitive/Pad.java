package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;

/**
 * Padding along each axis, as ONNX Pad: {@code pads} holds the entries added before each axis, then those added after
 * each axis. CONSTANT adds {@code value} and takes a negative count as entries removed (Keras ZeroPadding1D and
 * Cropping1D); REFLECT mirrors the entries about the edge one (not repeating it), EDGE repeats the edge entry, WRAP
 * continues from the other end.
 */
public final class Pad implements Op {
    /** What the added entries hold. */
    public enum Mode { CONSTANT, REFLECT, EDGE, WRAP }

    private final int[] pads;
    private final float value;
    private final Mode mode;

    /**
     * @param pads  {@code 2·rank} counts: before axis 0 .. rank-1, then after axis 0 .. rank-1
     * @param value the value of the added entries
     */
    public Pad(int[] pads, float value) {
        this(pads, value, Mode.CONSTANT);
    }

    /** Padding in {@code mode}; only CONSTANT takes negative counts. */
    public Pad(int[] pads, float value, Mode mode) {
        if (pads.length % 2 != 0) {
            throw new IllegalArgumentException("pads must hold two counts per axis, got " + pads.length);
        }
        if (mode != Mode.CONSTANT && Arrays.stream(pads).anyMatch(p -> p < 0)) {
            throw new IllegalArgumentException("pads " + Arrays.toString(pads) + " remove entries, which only the constant"
                    + " mode does");
        }
        this.pads = pads.clone();
        this.value = value;
        this.mode = mode;
    }

    @Override
    public String type() {
        return "Pad";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("pads", pads).attr("value", (double) value).attr("mode", mode.name()).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Pad fromSpec(OpSpec s) {
        return new Pad(s.intsAttr("pads"), (float) s.doubleAttr("value"),
                s.has("mode") ? s.enumAttr("mode", Mode.class) : Mode.CONSTANT);
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
                int reach = reach(out[i]);
                if (pads[i] > reach || pads[rank + i] > reach) {
                    throw new IllegalArgumentException("Pad: axis " + i + " of length " + out[i] + " padded by " + pads[i]
                            + " and " + pads[rank + i] + " in mode " + mode + ", which pads at most " + reach
                            + " entries on each side");
                }
                if (length <= 0 || length > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("Pad: axis " + i + " of length " + in[0][i] + " padded by "
                            + pads[i] + " and " + pads[rank + i] + " gives " + length + " entries");
                }
                out[i] = (int) length;
            }
        }
        return new int[][] {out};
    }

    /**
     * The most entries this mode adds on each side of an axis of {@code n} entries: REFLECT {@code n - 1} and WRAP
     * {@code n} (ONNX Runtime refuses longer reflections and writes zeros past one turn of wrap, where the ONNX reference
     * goes on), EDGE any count but none to an empty axis.
     */
    private int reach(int n) {
        switch (mode) {
            case REFLECT:
                return n - 1;
            case WRAP:
                return n;
            case EDGE:
                return n == 0 ? 0 : Integer.MAX_VALUE;
            default:
                return Integer.MAX_VALUE;
        }
    }

    /** The entry along an axis of {@code n} entries that position {@code c} (of the unpadded axis) copies, or out of range. */
    private int source(int c, int n) {
        if (c >= 0 && c < n || mode == Mode.CONSTANT) {
            return c;
        }
        switch (mode) {
            case EDGE:
                return c < 0 ? 0 : n - 1;
            case WRAP: // at most n entries beyond either end
                return c < 0 ? c + n : c - n;
            default: // REFLECT, at most n - 1 entries beyond either end
                return c < 0 ? -c : 2 * (n - 1) - c;
        }
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
                int c = source(rest % length - pads[a], x[a]);
                rest /= length;
                inside = c >= 0 && c < x[a];
                from += c * stride;
                stride *= x[a];
            }
            outputs[0][i] = inside ? inputs[0][from] : value;
        }
    }
}
