package io.keras4j.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.graph.ValueInfo;
import io.keras4j.runtime.ops.RepeatVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTest {
    /** Buffers that cannot fit in the heap are refused with a message before any is allocated, not by an OutOfMemoryError. */
    @Test
    void refusesBuffersLargerThanTheHeap() {
        int features = 64;
        int n = 1 << 24; // the largest size the importers accept; one output is 2^30 floats (4 GiB) per sample
        long perNode = (long) n * features * Float.BYTES;
        int nodes = (int) (Runtime.getRuntime().maxMemory() / perNode) + 1;
        List<Node> repeats = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            repeats.add(new Node("repeat" + i, new RepeatVector(n), List.of("x"), List.of("y" + i)));
            outputs.add("y" + i);
        }
        Model model = Model.of(new Graph(List.of(new ValueInfo("x", new int[] {-1, features})), repeats, outputs, Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predictAll(Tensor.of(new float[features], 1, features)));
        assertTrue(e.getMessage().contains("more than the Java heap's maximum"), e.getMessage());
    }
}
