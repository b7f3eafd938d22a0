package io.keras4j.runtime;

import java.util.Arrays;

/** Small helpers for int[] shapes; -1 marks a dimension that is only known at run time. */
public final class Shapes {
    private Shapes() {
    }

    /** The number of elements of a concrete shape, failing on negative dimensions or overflow past int. */
    public static int checkedSize(int[] shape) {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + toString(shape));
            }
            size *= d;
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + toString(shape) + " has more than 2^31 elements");
            }
        }
        return (int) size;
    }

    /** A count of floats of working memory computed in long, refused when no Java array holds it. */
    public static int checkedScratch(long floats) {
        if (floats > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("needs " + floats + " floats of working memory, more than a Java array"
                    + " holds (2^31)");
        }
        return (int) floats;
    }

    /** Product of dimensions {@code from} (inclusive) to {@code to} (exclusive). */
    public static int product(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
        }
        return p;
    }

    /** Whether a concrete shape fits a declared one, where -1 in the declared shape matches any size. */
    public static boolean fits(int[] declared, int[] concrete) {
        if (declared.length != concrete.length) {
            return false;
        }
        for (int i = 0; i < declared.length; i++) {
            if (declared[i] >= 0 && declared[i] != concrete[i]) {
                return false;
            }
        }
        return true;
    }

    /** Prints a shape the way Keras does, with {@code None} for unknown dimensions. */
    public static String toString(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i] < 0 ? "None" : Integer.toString(shape[i]));
        }
        if (shape.length == 1) {
            sb.append(',');
        }
        return sb.append(')').toString();
    }

    /** A copy of {@code shape} with its last dimension replaced. */
    public static int[] withLast(int[] shape, int last) {
        int[] s = Arrays.copyOf(shape, shape.length);
        s[s.length - 1] = last;
        return s;
    }

    /**
     * The flat offset, in a tensor of shape {@code in} aligned to the right of {@code out} (numpy broadcasting:
     * dimensions of 1 repeat), of the element at flat index {@code i} of {@code out}.
     */
    public static int broadcastOffset(int i, int[] out, int[] in) {
        int off = 0;
        int stride = 1;
        int shift = out.length - in.length;
        for (int d = out.length - 1; d >= shift; d--) {
            int c = i % out[d];
            i /= out[d];
            int n = in[d - shift];
            if (n != 1) {
                off += c * stride;
            }
            stride *= n;
        }
        return off;
    }
}
