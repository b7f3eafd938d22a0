package io.keras4j.runtime.graph;

import io.keras4j.runtime.Shapes;

/**
 * A named tensor of a graph with its declared shape; -1 marks a dimension known only at run time.
 *
 * @param batchFirst whether axis 0 is the batch, which all batch-first inputs of a call share (Keras
 *                   inputs are; ONNX inputs such as a time-major sequence or its lengths need not be)
 */
public record ValueInfo(String name, int[] shape, boolean batchFirst) {
    public ValueInfo {
        shape = shape.clone();
    }

    /** A value whose axis 0 is the batch. */
    public ValueInfo(String name, int[] shape) {
        this(name, shape, true);
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
