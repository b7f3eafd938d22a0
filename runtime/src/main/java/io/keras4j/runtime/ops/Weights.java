package io.keras4j.runtime.ops;

import java.util.Arrays;

/** Checks that a weight array has the size its declared shape implies. */
final class Weights {
    private Weights() {
    }

    static void check(String name, float[] w, int... shape) {
        long size = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(name + " has invalid shape " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (w == null || w.length != size) {
            throw new IllegalArgumentException(name + " must hold " + size + " values for shape " + Arrays.toString(shape)
                    + " but holds " + (w == null ? "none" : String.valueOf(w.length)));
        }
    }
}
