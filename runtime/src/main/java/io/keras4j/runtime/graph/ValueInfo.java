package io.keras4j.runtime.graph;

import io.keras4j.runtime.Shapes;

/** A named tensor of a graph with its declared shape; -1 marks a dimension known only at run time. */
public record ValueInfo(String name, int[] shape) {
    public ValueInfo {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return name + Shapes.toString(shape);
    }
}
