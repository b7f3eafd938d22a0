package io.keras4j.runtime.ops;

import java.util.Arrays;

/** Checks that a weight array has the size its declared shape implies. */
final class Weights {
    private Weights() {
    }

    /** The shape of a convolution kernel: {@code [kernelSize..., in, out]}. */
    static int[] kernelShape(int[] kernelSize, int in, int out) {
        int[] shape = Arrays.copyOf(kernelSize, kernelSize.length + 2);
        shape[kernelSize.length] = in;
        shape[kernelSize.length + 1] = out;
        return shape;
    }

    /** Checks that {@code w} holds as many values as {@code shape} implies, naming the weight {@code name}. */
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
