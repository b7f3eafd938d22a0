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
 * replaces a masked value by 1 and, when every input has a mask, outputs 0 where all are masked. Masked
 * inputs of those three must all have the same shape.
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

    /** Dimension d of {@code x} seen at rank {@code rank}: size-1 axes inserted after the batch axis. */
    private static int dim(int[] x, int d, int rank) {
        int shift = rank - x.length;
        if (d == 0) {
            return x[0];
        }
        return d <= shift ? 1 : x[d - shift];
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
                int v = dim(in[k], d, rank);
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
            if (masksApply() && !Shapes.fits(in[k], y) && !Shapes.fits(y, in[k])) {
                throw new IllegalArgumentException(type() + " with masked inputs needs inputs of one shape, got "
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
        int rank = 0;
        boolean same = true;
        for (int k = 0; k < n; k++) {
            rank = Math.max(rank, inputShapes[k].length);
            same &= inputs[k].length == y.length;
        }
        for (int i = 0; i < y.length; i++) {
            float acc = inputs[0][same ? i : offset(i, inputShapes, 0, rank)];
            for (int k = 1; k < n; k++) {
                acc = apply(acc, inputs[k][same ? i : offset(i, inputShapes, k, rank)]);
            }
            y[i] = kind == Kind.AVERAGE ? acc / n : acc;
        }
    }

    /** The offset in input k of the element that broadcasts to flat output index i. */
    private int offset(int i, int[][] shapes, int k, int rank) {
        int off = 0;
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            int out = 1;
            for (int j = 0; j < masked.length; j++) {
                out = Math.max(out, dim(shapes[j], d, rank));
            }
            int c = i % out;
            i /= out;
            int size = dim(shapes[k], d, rank);
            if (size != 1) {
                off += c * stride;
            }
            stride *= size;
        }
        return off;
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

    private void forwardMasked(float[][] inputs, int[][] inputShapes, float[] y) {
        int n = masked.length;
        int[] s = inputShapes[0];
        int width = s[s.length - 1];
        for (int i = 0; i < y.length; i++) {
            int row = width == 0 ? 0 : i / width;
            int m = n;
            if (kind == Kind.MULTIPLY) {
                float acc = 1f;
                boolean anyValid = false;
                for (int k = 0; k < n; k++) {
                    float v = inputs[k][i];
                    if (masked[k]) {
                        boolean valid = inputs[m++][row] != 0f;
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
            float acc = inputs[0][i];
            boolean outMasked = masked[0];
            boolean outValid = masked[0] && inputs[m++][row] != 0f;
            for (int k = 1; k < n; k++) {
                float v = inputs[k][i];
                boolean valid = true;
                if (masked[k]) {
                    valid = inputs[m++][row] != 0f;
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
}
