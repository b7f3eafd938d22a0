package io.keras4j.runtime.graph;

import io.keras4j.runtime.ops.Op;
import java.util.List;

/** One op applied to named input values, producing named output values. */
public record Node(String name, Op op, List<String> inputs, List<String> outputs) {
    public Node {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
