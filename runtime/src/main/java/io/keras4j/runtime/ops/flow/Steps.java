package io.keras4j.runtime.ops.flow;

import io.keras4j.runtime.Shapes;

/** Per-step shapes and values of Loop and Scan: one index of an axis taken out, and a new axis inserted. */
final class Steps {
    private Steps() {
    }

    /** Copies the entries of {@code x} (of {@code shape}) at {@code index} of {@code axis} into {@code y}. */
    static void take(float[] x, int[] shape, int axis, int index, float[] y) {
        int outer = Shapes.product(shape, 0, axis);
        int inner = Shapes.product(shape, axis + 1, shape.length);
        for (int o = 0; o < outer; o++) {
            System.arraycopy(x, (o * shape[axis] + index) * inner, y, o * inner, inner);
        }
    }

    /** {@code shape} without axis {@code axis}. */
    static int[] dropped(int[] shape, int axis) {
        int[] s = new int[shape.length - 1];
        System.arraycopy(shape, 0, s, 0, axis);
        System.arraycopy(shape, axis + 1, s, axis, s.length - axis);
        return s;
    }

    /** The shape of {@code length} steps of shape {@code step} stacked along a new axis {@code axis}. */
    static int[] inserted(int[] step, int axis, int length) {
        int[] shape = new int[step.length + 1];
        System.arraycopy(step, 0, shape, 0, axis);
        shape[axis] = length;
        System.arraycopy(step, axis, shape, axis + 1, step.length - axis);
        return shape;
    }

    /** Whether {@code shape} (null for none) is {@link #inserted}{@code (step, axis, length)}. */
    static boolean isInserted(int[] shape, int[] step, int axis, int length) {
        if (shape == null || shape.length != step.length + 1 || shape[axis] != length) {
            return false;
        }
        for (int d = 0; d < step.length; d++) {
            if (shape[d < axis ? d : d + 1] != step[d]) {
                return false;
            }
        }
        return true;
    }
}
