package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;

/** Shape and index helpers the primitives share. */
final class Dims {
    /** Integers up to this magnitude are exact in float32. */
    static final int EXACT = 1 << 24;

    private Dims() {
    }

    static void inputs(int[][] in, int count, String type) {
        if (in.length != count) {
            throw new IllegalArgumentException(type + " takes " + count + " input(s), got " + in.length);
        }
    }

    /** An axis in {@code [-rank, rank)} made non-negative. */
    static int axis(long axis, int rank, String what) {
        if (axis < -rank || axis >= rank) {
            throw new IllegalArgumentException(what + " " + axis + " is out of range for rank " + rank);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    /** The integer a float value holds, failing when it is not one. */
    static int integer(float v, String what) {
        if (v != Math.rint(v) || Math.abs(v) > EXACT) {
            throw new IllegalArgumentException(what + " must be an integer of magnitude at most 2^24, got " + v);
        }
        return (int) v;
    }

    /** A 1-D value's size, which must be known. */
    static int length(int[] shape, String what) {
        if (shape.length != 1 || shape[0] < 0) {
            throw new IllegalArgumentException(what + " must be a 1-D tensor of known size but has shape " + Shapes.toString(shape));
        }
        return shape[0];
    }

    /** The output shape of an op of one input that keeps its shape. */
    static int[][] sameShape(int[][] in, String type) {
        inputs(in, 1, type);
        return new int[][] {in[0].clone()};
    }

    /** Row-major strides of a shape. */
    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int p = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = p;
            p *= shape[d];
        }
        return s;
    }

    /**
     * The offset in input {@code which} of element {@code i} (row-major) of the shape all of {@code shapes} broadcast to,
     * without building that shape (so that a forward pass allocates nothing).
     */
    static int broadcastOffset(int i, int[][] shapes, int which) {
        int rank = 0;
        for (int[] s : shapes) {
            rank = Math.max(rank, s.length);
        }
        int[] own = shapes[which];
        int offset = 0;
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            int size = 1;
            for (int[] s : shapes) {
                int k = d - (rank - s.length);
                if (k >= 0 && s[k] != 1) {
                    size = s[k];
                }
            }
            int c = i % size;
            i /= size;
            int k = d - (rank - own.length);
            if (k >= 0 && own[k] != 1) {
                offset += c * stride;
                stride *= own[k];
            }
        }
        return offset;
    }

    /** The shape all inputs broadcast to, numpy style (aligned right; -1 stays unknown unless another input fixes it). */
    static int[] broadcast(int[][] shapes, String type) {
        int rank = 0;
        for (int[] s : shapes) {
            rank = Math.max(rank, s.length);
        }
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            int size = 1;
            boolean unknown = false;
            for (int[] s : shapes) {
                int k = d - (rank - s.length);
                int v = k < 0 ? 1 : s[k];
                if (v < 0) {
                    unknown = true;
                } else if (v != 1) {
                    if (size != 1 && size != v) {
                        throw new IllegalArgumentException(type + ": shapes " + java.util.Arrays.stream(shapes).map(Shapes::toString).toList()
                                + " do not broadcast");
                    }
                    size = v;
                }
            }
            out[d] = unknown && size == 1 ? -1 : size;
        }
        return out;
    }
}
