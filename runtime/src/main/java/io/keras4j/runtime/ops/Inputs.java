package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;

/** Checks of input shapes shared by the ops; messages say what was expected and what was given. */
final class Inputs {
    private Inputs() {
    }

    static int[] single(int[][] in, String type) {
        if (in.length != 1) {
            throw new IllegalArgumentException(type + " takes 1 input, got " + in.length);
        }
        return in[0];
    }

    static void rank(int[] shape, int rank, String what) {
        if (shape.length != rank) {
            throw new IllegalArgumentException(what + " must have rank " + rank + " but has shape " + Shapes.toString(shape));
        }
    }

    static void lastDim(int[] shape, int size, String what) {
        int last = shape.length == 0 ? 1 : shape[shape.length - 1];
        if (shape.length == 0 || (last != size && last != -1)) {
            throw new IllegalArgumentException(what + " must have last dimension " + size + " but has shape " + Shapes.toString(shape));
        }
    }

    /** Same rank, and each dimension equal where both are known (-1 is unknown on either side). */
    static void same(int[] shape, int[] expected, String what) {
        boolean same = shape.length == expected.length;
        for (int i = 0; same && i < shape.length; i++) {
            same = shape[i] < 0 || expected[i] < 0 || shape[i] == expected[i];
        }
        if (!same) {
            throw new IllegalArgumentException(what + " must have shape " + Shapes.toString(expected) + " but has " + Shapes.toString(shape));
        }
    }
}
