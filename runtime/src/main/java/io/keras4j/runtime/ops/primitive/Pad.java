package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;

/**
 * Padding along each axis, as ONNX Pad: the counts hold the entries added before each axis, then those added after
 * each axis, either fixed ({@code pads}) or read from input 1 when a call is planned (the counts of {@code axes}, as
 * torch exports {@code F.pad} by sizes computed from the input's shape). A negative count removes entries (Keras
 * Cropping1D), first, as ONNX Runtime does; then CONSTANT adds {@code value}, REFLECT mirrors the kept entries about the
 * edge one (not repeating it), EDGE repeats the edge entry, WRAP continues from the other end.
 */
public final class Pad implements Op {
    /** What the added entries hold. */
    public enum Mode { CONSTANT, REFLECT, EDGE, WRAP }

    /** Larger counts than any tensor keras4j holds. */
    private static final int LIMIT = 1 << 30;

    /** The fixed counts, or null when input 1 holds them. */
    private final int[] pads;
    /** The axes whose counts input 1 holds (begins then ends), or null for fixed counts. */
    private final int[] axes;
    private final float value;
    private final Mode mode;

    /**
     * @param pads  {@code 2·rank} counts: before axis 0 .. rank-1, then after axis 0 .. rank-1
     * @param value the value of the added entries
     */
    public Pad(int[] pads, float value) {
        this(pads, value, Mode.CONSTANT);
    }

    /** Padding in {@code mode}. */
    public Pad(int[] pads, float value, Mode mode) {
        this(pads.clone(), null, value, mode);
        if (pads.length % 2 != 0) {
            throw new IllegalArgumentException("pads must hold two counts per axis, got " + pads.length);
        }
    }

    private Pad(int[] pads, int[] axes, float value, Mode mode) {
        this.pads = pads;
        this.axes = axes;
        this.value = value;
        this.mode = mode;
    }

    /**
     * Padding in {@code mode} by counts that input 1 holds when a call is planned: {@code 2·axes.length} integers, before
     * then after each of {@code axes} (distinct, non-negative); the other axes are not padded.
     */
    public static Pad computed(int[] axes, float value, Mode mode) {
        for (int i = 0; i < axes.length; i++) {
            for (int j = 0; j < i; j++) {
                if (axes[i] < 0 || axes[i] == axes[j]) {
                    throw new IllegalArgumentException("axes " + Arrays.toString(axes) + " must be distinct and non-negative");
                }
            }
        }
        return new Pad(null, axes.clone(), value, mode);
    }

    @Override
    public String type() {
        return "Pad";
    }

    @Override
    public OpSpec spec() {
        OpSpec.Builder s = OpSpec.builder(type());
        if (pads != null) {
            s.attr("pads", pads);
        } else {
            s.attr("pad_axes", axes);
        }
        return s.attr("value", (double) value).attr("mode", mode.name()).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Pad fromSpec(OpSpec s) {
        Mode mode = s.has("mode") ? s.enumAttr("mode", Mode.class) : Mode.CONSTANT;
        float value = (float) s.doubleAttr("value");
        return s.has("pad_axes") ? computed(s.intsAttr("pad_axes"), value, mode) : new Pad(s.intsAttr("pads"), value, mode);
    }

    /** The pads, when computed at run time. */
    @Override
    public boolean shapeReadsValue(int input) {
        return pads == null && input == 1;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return outputShapes(in, null);
    }

    @Override
    public int[][] outputShapes(int[][] in, float[][] values) {
        Dims.inputs(in, pads != null ? 1 : 2, type());
        int rank = in[0].length;
        int[] out = in[0].clone();
        float[] computed = pads == null && values != null ? values[1] : null;
        if (pads == null) {
            if (in[1].length != 1 || in[1][0] >= 0 && in[1][0] != 2 * axes.length) {
                throw new IllegalArgumentException("Pad: pads of shape " + Shapes.toString(in[1]) + " for " + axes.length
                        + " axes (two per axis)");
            }
            for (int axis : axes) {
                if (axis >= rank) {
                    throw new IllegalArgumentException("Pad: axis " + axis + " is out of range for rank " + rank);
                }
            }
            if (computed == null) {
                for (int axis : axes) {
                    out[axis] = -1;
                }
                return new int[][] {out};
            }
        } else if (pads.length != 2 * rank) {
            throw new IllegalArgumentException("Pad: " + pads.length + " counts for an input of rank " + rank);
        }
        for (int i = 0; i < rank; i++) {
            if (out[i] >= 0) {
                int before = count(computed, i, rank);
                int after = count(computed, rank + i, rank);
                long length = (long) out[i] + before + after;
                long kept = (long) out[i] + Math.min(0, before) + Math.min(0, after);
                int reach = kept < 0 ? 0 : reach((int) kept);
                if (before > reach || after > reach) {
                    throw new IllegalArgumentException("Pad: axis " + i + " of length " + out[i] + " padded by " + before
                            + " and " + after + " in mode " + mode + ", which pads at most " + reach
                            + " entries on each side of the " + Math.max(0, kept) + " it keeps");
                }
                if (length <= 0 || length > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("Pad: axis " + i + " of length " + in[0][i] + " padded by "
                            + before + " and " + after + " gives " + length + " entries");
                }
                out[i] = (int) length;
            }
        }
        return new int[][] {out};
    }

    /**
     * Count {@code i} of {@code 2·rank} (before axis i, or after axis i - rank): fixed, or from {@code computed}, the
     * values of input 1, checked to be an integer within ±2^30.
     */
    private int count(float[] computed, int i, int rank) {
        if (pads != null) {
            return pads[i];
        }
        int axis = i % rank;
        for (int k = 0; k < axes.length; k++) {
            if (axes[k] == axis) {
                int c = Dims.integer(computed[i / rank * axes.length + k], "a pad");
                if (Math.abs(c) > LIMIT) {
                    throw new IllegalArgumentException("Pad: a pad of " + c + " entries is larger than any tensor");
                }
                return c;
            }
        }
        return 0;
    }

    /** Count {@code i}: fixed, or as {@link #forward} read it into the scratch. */
    private int counted(float[] scratch, int i) {
        return pads != null ? pads[i] : (int) scratch[i];
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

    /** Computed counts are read once per call into the scratch. */
    @Override
    public int scratchSize(int[][] inputShapes) {
        return pads != null ? 0 : 2 * inputShapes[0].length;
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        int rank = x.length;
        for (int i = 0; pads == null && i < 2 * rank; i++) {
            scratch[i] = count(inputs[1], i, rank);
        }
        int n = 1;
        for (int a = 0; a < rank; a++) {
            n *= x[a] + counted(scratch, a) + counted(scratch, rank + a);
        }
        for (int i = 0; i < n; i++) {
            int rest = i;
            int from = 0;
            int stride = 1;
            boolean inside = true;
            for (int a = rank - 1; a >= 0 && inside; a--) {
                int before = counted(scratch, a);
                int after = counted(scratch, rank + a);
                int length = x[a] + before + after;
                int cut = Math.max(0, -before);
                int kept = x[a] - cut - Math.max(0, -after);
                int c = source(rest % length - Math.max(0, before), kept);
                rest /= length;
                inside = c >= 0 && c < kept;
                from += (c + cut) * stride;
                stride *= x[a];
            }
            outputs[0][i] = inside ? inputs[0][from] : value;
        }
    }
}
