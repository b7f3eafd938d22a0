package io.keras4j.runtime.ops;

/**
 * Index arithmetic on row-major shapes, done per element with divisions so that a forward pass needs no
 * index arrays (and so allocates nothing).
 */
final class Strides {
    private Strides() {
    }

    /** Product of {@code shape[from, to)}. */
    static int product(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
        }
        return p;
    }

    /**
     * The offset in a tensor of shape {@code in} of the element that broadcasts to flat index {@code i} of
     * shape {@code out}. Both have the same rank; each {@code in[d]} is 1 or {@code out[d]}.
     */
    static int broadcast(int i, int[] out, int[] in) {
        int off = 0;
        int stride = 1;
        for (int d = out.length - 1; d >= 0; d--) {
            int c = i % out[d];
            i /= out[d];
            if (in[d] != 1) {
                off += c * stride;
            }
            stride *= in[d];
        }
        return off;
    }

    /**
     * The offset in {@code shapes[k]} of the element that broadcasts to flat index {@code i} of the numpy broadcast
     * of {@code shapes[from, to)}, where a shape of lower rank first gets size-1 axes after its batch axis (as
     * Keras' merge layers insert them).
     */
    static int broadcast(int i, int[][] shapes, int from, int to, int k) {
        int rank = 0;
        for (int j = from; j < to; j++) {
            rank = Math.max(rank, shapes[j].length);
        }
        int off = 0;
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            int out = 1;
            for (int j = from; j < to; j++) {
                out = Math.max(out, dimAt(shapes[j], d, rank));
            }
            int c = i % out;
            i /= out;
            int size = dimAt(shapes[k], d, rank);
            if (size != 1) {
                off += c * stride;
            }
            stride *= size;
        }
        return off;
    }

    /** Dimension d of {@code x} seen at rank {@code rank}: size-1 axes inserted after the batch axis. */
    static int dimAt(int[] x, int d, int rank) {
        int shift = rank - x.length;
        if (d == 0) {
            return x[0];
        }
        return d <= shift ? 1 : x[d - shift];
    }

    /** Whether two dimensions (-1 = unknown) may be equal. */
    static boolean compatible(int a, int b) {
        return a < 0 || b < 0 || a == b;
    }

    /** The more specific of two compatible dimensions. */
    static int merge(int a, int b) {
        return a >= 0 ? a : b;
    }

    /** The shape without its last dimension: the shape of a mask over {@code shape}. */
    static int[] dropLast(int[] shape) {
        return java.util.Arrays.copyOf(shape, shape.length - 1);
    }

    /** Checks that {@code mask} has the shape of {@code value} without its last dimension. */
    static void checkMask(int[] mask, int[] value, String what) {
        int[] want = dropLast(value);
        boolean ok = mask.length == want.length;
        for (int d = 0; ok && d < want.length; d++) {
            ok = compatible(mask[d], want[d]);
        }
        if (!ok) {
            throw new IllegalArgumentException(what + " must have shape " + io.keras4j.runtime.Shapes.toString(want)
                    + " (the value's shape without its last axis) but has " + io.keras4j.runtime.Shapes.toString(mask));
        }
    }
}
