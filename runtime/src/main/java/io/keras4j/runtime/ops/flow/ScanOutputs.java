package io.keras4j.runtime.ops.flow;

import io.keras4j.runtime.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The values of a Loop's or Scan's scan outputs, gathered step by step until they are stacked. They and their stacked
 * copies must fit in the Java heap: a step after which they would not (counting the steps sure to follow) is an error,
 * not an out-of-memory.
 */
final class ScanOutputs {
    private final List<List<Tensor>> steps = new ArrayList<>();
    private long floats;

    ScanOutputs(int count) {
        for (int k = 0; k < count; k++) {
            steps.add(new ArrayList<>());
        }
    }

    /**
     * Gathers one step's values: one per scan output, from {@code out[from]} on.
     *
     * @param left how many more steps are sure to follow (0 when a condition may end them sooner)
     */
    void add(Tensor[] out, int from, long left) {
        long step = 0;
        for (int k = 0; k < steps.size(); k++) {
            steps.get(k).add(out[from + k]);
            step += out[from + k].size();
        }
        floats += step;
        long bytes = 2 * (floats + left * step) * Float.BYTES;
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new IllegalArgumentException("the scan outputs of " + (steps.get(0).size() + left) + " iterations need "
                    + (bytes >> 20) + " MiB with their stacked copies, more than the Java heap's maximum (" + (max >> 20)
                    + " MiB, -Xmx)");
        }
    }

    /**
     * Scan output {@code k}'s steps stacked along a new axis {@code axis}, last step first when {@code reverse}; with no
     * steps, empty with the other dimensions {@code declared}'s (0 where unknown).
     */
    Tensor stacked(int k, int axis, boolean reverse, int[] declared) {
        List<Tensor> order = steps.get(k);
        if (reverse) {
            order = new ArrayList<>(order);
            Collections.reverse(order);
        }
        return Steps.stack(order, axis, declared, "scan output " + k);
    }
}
