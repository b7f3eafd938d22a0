package io.keras4j.runtime.ops;

/**
 * One computation of a graph: a Keras layer (LSTM, Dense) or a primitive. An op is immutable and
 * holds its weights; it is called with concrete shapes (batch first) and writes into buffers the
 * caller owns, so a forward pass allocates nothing.
 */
public interface Op {

    /** The op's type as users know it, for example {@code "LSTM"}. */
    String type();

    /**
     * Output shapes for the given input shapes. Dimensions may be -1 (unknown until run time) and
     * propagate as -1.
     *
     * @throws IllegalArgumentException naming what was expected and what was given
     */
    int[][] outputShapes(int[][] inputShapes);

    /**
     * Output shapes when they may depend on input values, as for ONNX Reshape, Expand, Slice and
     * ConstantOfShape. {@code inputValues} is null when no values are known, and an entry is null when that
     * input's are not (while a graph is built, only constants' are; while a call is planned, also those that follow
     * from constants and the input shapes); such an op then returns -1 for the
     * dimensions the unknown values decide. Other ops ignore the values. An op that overrides this declares the inputs
     * whose values it reads in {@link #shapeReadsValue}.
     */
    default int[][] outputShapes(int[][] inputShapes, float[][] inputValues) {
        return outputShapes(inputShapes);
    }

    /**
     * Whether {@link #outputShapes(int[][], float[][])} reads input {@code input}'s values, not only its shape (ONNX
     * Reshape's target, Range's bounds). A plan keeps a node's shapes while its input shapes stay the same and the inputs
     * it reads are constants, and works them out again on every call otherwise. None by default.
     */
    default boolean shapeReadsValue(int input) {
        return false;
    }

    /** Floats of scratch memory {@link #forward} needs for these concrete input shapes. */
    default int scratchSize(int[][] inputShapes) {
        return 0;
    }

    /** Computes the outputs from the inputs; {@code outputs[i]} has exactly the size of output shape i. */
    void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch);

    /** The op as data (type, attributes, weights), from which {@link OpRegistry#create} rebuilds it. */
    default OpSpec spec() {
        throw new UnsupportedOperationException(type() + " cannot be described as data yet");
    }

    /** Number of weight values, for summaries. */
    default long parameterCount() {
        return 0;
    }
}
