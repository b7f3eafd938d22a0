package io.keras4j.runtime.ops.flow;

import io.keras4j.runtime.Runner;
import io.keras4j.runtime.Shapes;
import java.util.Arrays;

/**
 * The values of a Loop's or Scan's scan outputs, gathered step by step, one step after the other, until they are
 * stacked. They and their stacked copies must fit in the Java heap: a step after which they would not (counting the
 * steps sure to follow) is an error, not an out-of-memory. The buffers are kept from one run to the next and
 * reallocated only when they must grow or the stacked sizes change.
 */
final class ScanOutputs {
    private final float[][] steps;
    private final int[][] stepShapes;
    private final float[][] stacked;
    private final int[][] stackedShapes;
    private int count;
    private long floats;

    ScanOutputs(int outputs) {
        steps = new float[outputs][];
        stepShapes = new int[outputs][];
        stacked = new float[outputs][];
        stackedShapes = new int[outputs][];
    }

    /** Forgets the steps gathered so far. */
    void clear() {
        count = 0;
        floats = 0;
    }

    /**
     * Gathers one step's values: one per scan output, the body's outputs from {@code from} on.
     *
     * @param left how many more steps are sure to follow (0 when a condition may end them sooner)
     */
    void add(Runner body, int from, long left) {
        long step = 0;
        for (int k = 0; k < steps.length; k++) {
            step += body.output(from + k).length;
        }
        floats += step;
        long bytes = 2 * (floats + left * step) * Float.BYTES;
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new IllegalArgumentException("the scan outputs of " + (count + 1 + left) + " iterations need "
                    + (bytes >> 20) + " MiB with their stacked copies, more than the Java heap's maximum (" + (max >> 20)
                    + " MiB, -Xmx)");
        }
        for (int k = 0; k < steps.length; k++) {
            float[] x = body.output(from + k);
            int[] shape = body.outputShape(from + k);
            if (count == 0) {
                stepShapes[k] = shape;
            } else if (!Arrays.equals(shape, stepShapes[k])) {
                throw new IllegalArgumentException("scan output " + k + " has shape " + Shapes.toString(shape) + " at step "
                        + count + " but " + Shapes.toString(stepShapes[k]) + " at step 0; its steps must have one shape");
            }
            long need = (long) (count + 1) * x.length;
            if (need > Integer.MAX_VALUE - 8) {
                Shapes.checkedSize(Steps.inserted(shape, 0, count + 1)); // refuses it, naming the shape
            }
            if (steps[k] == null || steps[k].length < need) {
                long room = Math.max(2L * x.length * count, (count + 1 + left) * x.length);
                steps[k] = Arrays.copyOf(steps[k] == null ? new float[0] : steps[k], (int) Math.min(room, Integer.MAX_VALUE - 8));
            }
            System.arraycopy(x, 0, steps[k], count * x.length, x.length);
        }
        count++;
    }

    /**
     * Scan output {@code k}'s steps stacked along a new axis {@code axis}, last step first when {@code reverse}; with no
     * steps, empty with the other dimensions {@code declared}'s (0 where unknown); see {@link #stacked}.
     */
    void stack(int k, int axis, boolean reverse, int[] declared) {
        int[] step = count == 0 ? Arrays.stream(declared).map(d -> Math.max(d, 0)).toArray() : stepShapes[k];
        if (!Steps.isInserted(stackedShapes[k], step, axis, count)) {
            stackedShapes[k] = Steps.inserted(step, axis, count);
            stacked[k] = new float[Shapes.checkedSize(stackedShapes[k])];
        }
        int outer = Shapes.product(step, 0, axis);
        int inner = Shapes.product(step, axis, step.length);
        float[] y = stacked[k];
        for (int t = 0; t < count; t++) {
            int at = (reverse ? count - 1 - t : t) * outer * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(steps[k], at + o * inner, y, (o * count + t) * inner, inner);
            }
        }
    }

    /** Scan output {@code k} as last {@link #stack stacked}. */
    float[] stacked(int k) {
        return stacked[k];
    }

    /** The shape of scan output {@code k} as last {@link #stack stacked}. */
    int[] shape(int k) {
        return stackedShapes[k];
    }
}
