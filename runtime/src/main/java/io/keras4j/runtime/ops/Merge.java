package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import java.util.Arrays;
import java.util.Locale;

/**
 * Keras' element-wise merge layers Add, Subtract, Multiply, Average, Maximum and Minimum, folded left to
 * right in float32 as Keras does ({@code ((x0 + x1) + x2) ...}, Average then divided by n). Inputs of lower
 * rank get axes of size 1 inserted after the batch axis, then all broadcast as numpy does.
 *
 * <p>Masks follow Keras 3: inputs are the n values, then the masks ({@code value shape without its last axis})
 * of the inputs flagged in {@code masked}. Add, Subtract and Average ignore them. Maximum and Minimum
 * replace a masked value by the running result (and a masked running result by the value); Multiply
 * replaces a masked value by 1 and, when every input has a mask, outputs 0 where all are masked; a mask
 * broadcasts with its value. A masked input of those three must have the output's rank (Keras drops the mask
 * of an input it gives more axes).
 */
public final class Merge implements Op {
    /** The element-wise function. */
    public enum Kind { ADD, SUBTRACT, MULTIPLY, AVERAGE, MAXIMUM, MINIMUM }

    private final Kind kind;
    private final boolean[] masked;
    private final int maskCount;

    /** @param masked for each value input, whether its mask follows the values */
    public Merge(Kind kind, boolean[] masked) {
        if (masked.length == 0 || kind == Kind.SUBTRACT && masked.length != 2) {
            throw new IllegalArgumentException(type(kind) + " cannot merge " + masked.length + " inputs");
        }
        this.kind = kind;
        this.masked = masked.clone();
        int m = 0;
        for (boolean b : masked) {
            m += b ? 1 : 0;
        }
        this.maskCount = m;
    }

    private static String type(Kind kind) {
        String n = kind.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    @Override
    public String type() {
        return type(kind);
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder("Merge").attr("kind", kind.name()).attr("masked", Flags.toInts(masked)).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Merge fromSpec(OpSpec s) {
        return new Merge(s.enumAttr("kind", Kind.class), Flags.fromInts(s.intsAttr("masked")));
    }

    /** Whether the masks change the values (Maximum, Minimum, Multiply with a masked input). */
    private boolean masksApply() {
        return maskCount > 0 && (kind == Kind.MAXIMUM || kind == Kind.MINIMUM || kind == Kind.MULTIPLY);
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int n = masked.length;
        if (in.length != n + maskCount) {
            throw new IllegalArgumentException(type() + " takes " + (n + maskCount) + " inputs (" + n + " values, "
                    + maskCount + " masks), got " + in.length);
        }
        int rank = 0;
        for (int k = 0; k < n; k++) {
            if (in[k].length == 0) {
                throw new IllegalArgumentException("input " + k + " must have a batch axis but is a scalar");
            }
            rank = Math.max(rank, in[k].length);
        }
        int[] y = new int[rank];
        for (int d = 0; d < rank; d++) {
            int size = 1;
            boolean unknown = false;
            for (int k = 0; k < n; k++) {
                int v = Strides.dimAt(in[k], d, rank);
                if (v < 0) {
                    unknown = true;
                } else if (v != 1) {
                    if (size != 1 && size != v) {
                        throw new IllegalArgumentException("inputs have incompatible shapes "
                                + Arrays.stream(in, 0, n).map(Shapes::toString).toList());
                    }
                    size = v;
                }
            }
            y[d] = unknown && size == 1 ? -1 : size;
        }
        int m = n;
        for (int k = 0; k < n; k++) {
            if (masked[k]) {
                Strides.checkMask(in[m++], in[k], "mask of input " + k);
            }
            if (masksApply() && masked[k] && in[k].length != rank) {
                throw new IllegalArgumentException(type() + " cannot merge masked input " + k + " of lower rank than "
                        + "the others (Keras drops that mask when it inserts axes), got "
                        + Arrays.stream(in, 0, n).map(Shapes::toString).toList());
            }
        }
        return new int[][] {y};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        if (masksApply()) {
            forwardMasked(inputs, inputShapes, outputs[0]);
            return;
        }
        int n = masked.length;
        float[] y = outputs[0];
        boolean same = sameSize(inputs, y);
        for (int i = 0; i < y.length; i++) {
            float acc = inputs[0][same ? i : Strides.broadcast(i, inputShapes, 0, n, 0)];
            for (int k = 1; k < n; k++) {
                acc = apply(acc, inputs[k][same ? i : Strides.broadcast(i, inputShapes, 0, n, k)]);
            }
            y[i] = kind == Kind.AVERAGE ? acc / n : acc;
        }
    }

    private float apply(float a, float b) {
        switch (kind) {
            case SUBTRACT:
                return a - b;
            case MULTIPLY:
                return a * b;
            case MAXIMUM:
                return Math.max(a, b);
            case MINIMUM:
                return Math.min(a, b);
            default:
                return a + b;
        }
    }

    /** Whether every value input has as many elements as the output (so none broadcasts). */
    private boolean sameSize(float[][] inputs, float[] y) {
        for (int k = 0; k < masked.length; k++) {
            if (inputs[k].length != y.length) {
                return false;
            }
        }
        return true;
    }

    /**
     * Keras 3's Maximum, Minimum ({@code _apply_merge_op_and_or_mask}) and Multiply, element by element of the
     * broadcast output: the mask of input k at an element is its mask row over the element of k broadcast there.
     */
    private void forwardMasked(float[][] inputs, int[][] inputShapes, float[] y) {
        int n = masked.length;
        boolean same = sameSize(inputs, y);
        for (int i = 0; i < y.length; i++) {
            int m = n;
            if (kind == Kind.MULTIPLY) {
                float acc = 1f;
                boolean anyValid = false;
                for (int k = 0; k < n; k++) {
                    int at = same ? i : Strides.broadcast(i, inputShapes, 0, n, k);
                    float v = inputs[k][at];
                    if (masked[k]) {
                        boolean valid = inputs[m++][row(at, inputShapes[k])] != 0f;
                        anyValid |= valid;
                        if (!valid) {
                            v = 1f;
                        }
                    }
                    acc = k == 0 ? v : acc * v;
                }
                y[i] = maskCount == n && !anyValid ? 0f : acc;
                continue;
            }
            int at0 = same ? i : Strides.broadcast(i, inputShapes, 0, n, 0);
            float acc = inputs[0][at0];
            boolean outMasked = masked[0];
            boolean outValid = masked[0] && inputs[m++][row(at0, inputShapes[0])] != 0f;
            for (int k = 1; k < n; k++) {
                int at = same ? i : Strides.broadcast(i, inputShapes, 0, n, k);
                float v = inputs[k][at];
                boolean valid = true;
                if (masked[k]) {
                    valid = inputs[m++][row(at, inputShapes[k])] != 0f;
                    if (!valid) {
                        v = acc;
                    }
                }
                if (outMasked && !outValid) {
                    acc = v;
                }
                if (masked[k] && outMasked) {
                    outValid |= valid;
                } else {
                    outMasked = false;
                }
                acc = apply(acc, v);
            }
            y[i] = acc;
        }
    }

    /** The mask element (row) of the value element at flat offset {@code at} of a tensor of shape {@code shape}. */
    private static int row(int at, int[] shape) {
        int width = shape[shape.length - 1];
        return width == 0 ? 0 : at / width;
    }
}
