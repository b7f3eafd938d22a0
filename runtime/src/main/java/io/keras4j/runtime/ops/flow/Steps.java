package io.keras4j.runtime.ops.flow;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.Tensor;
import java.util.Arrays;
import java.util.List;

/** Per-step values of Loop and Scan: one index of an axis taken out, and steps stacked along a new axis. */
final class Steps {
    private Steps() {
    }

    /** The entries of {@code x} (of {@code shape}) at {@code index} of {@code axis}, that axis dropped. */
    static Tensor take(float[] x, int[] shape, int axis, int index) {
        int outer = Shapes.product(shape, 0, axis);
        int inner = Shapes.product(shape, axis + 1, shape.length);
        float[] y = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            System.arraycopy(x, (o * shape[axis] + index) * inner, y, o * inner, inner);
        }
        int[] s = new int[shape.length - 1];
        System.arraycopy(shape, 0, s, 0, axis);
        System.arraycopy(shape, axis + 1, s, axis, s.length - axis);
        return Tensor.of(y, s);
    }

    /** The shape of {@code length} steps of shape {@code step} stacked along a new axis {@code axis}. */
    static int[] inserted(int[] step, int axis, int length) {
        int[] shape = new int[step.length + 1];
        System.arraycopy(step, 0, shape, 0, axis);
        shape[axis] = length;
        System.arraycopy(step, axis, shape, axis + 1, step.length - axis);
        return shape;
    }

    /**
     * The steps, all of one shape, stacked along a new axis {@code axis}; with no steps, an empty tensor whose other
     * dimensions are {@code declared}'s (0 where unknown).
     *
     * @param what how messages name the output
     */
    static Tensor stack(List<Tensor> steps, int axis, int[] declared, String what) {
        int[] step = steps.isEmpty() ? Arrays.stream(declared).map(d -> Math.max(d, 0)).toArray() : steps.get(0).shape();
        int[] shape = inserted(step, axis, steps.size());
        int outer = Shapes.product(step, 0, axis);
        int inner = Shapes.product(step, axis, step.length);
        float[] y = new float[Shapes.checkedSize(shape)];
        for (int t = 0; t < steps.size(); t++) {
            if (!Arrays.equals(steps.get(t).shape(), step)) {
                throw new IllegalArgumentException(what + " has shape " + Shapes.toString(steps.get(t).shape()) + " at step "
                        + t + " but " + Shapes.toString(step) + " at step 0; its steps must have one shape");
            }
            float[] x = steps.get(t).toArray();
            for (int o = 0; o < outer; o++) {
                System.arraycopy(x, o * inner, y, (o * steps.size() + t) * inner, inner);
            }
        }
        return Tensor.of(y, shape);
    }
}
