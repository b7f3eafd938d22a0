package io.keras4j.runtime.ops;

/**
 * An op that can carry state from one call to the next, as Keras' {@code stateful=True} layers do.
 * A session owns the state; a plain prediction starts from zeros (or the given initial-state inputs).
 */
public interface StatefulOp extends Op {
    /** Whether the layer was saved with {@code stateful=True}: a session then carries only such layers' states. */
    default boolean stateful() {
        return false;
    }

    /** The state vectors this op carries, in Keras order (LSTM: h then c). */
    int stateCount();

    /** Floats in each state vector of one sequence. */
    int units();

    /** Floats of carried state for these input shapes: {@code stateCount · batch · units}. */
    int stateSize(int[][] inputShapes);

    /** The batch size of a carried state of {@code floats} floats. */
    default int batchOf(int floats) {
        return floats / (stateCount() * units());
    }

    /**
     * Like {@link #forward(float[][], int[][], float[][], float[])}, but starts from {@code state} (unless
     * initial-state inputs are given) and leaves the final states in it.
     */
    void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch, float[] state);
}
