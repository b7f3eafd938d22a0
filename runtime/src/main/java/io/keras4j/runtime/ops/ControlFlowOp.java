package io.keras4j.runtime.ops;

/**
 * An op that runs graphs of its own (ONNX If, Loop and Scan), whose output shapes are known only once it has run: a plan
 * runs it when it reaches it and takes its outputs as they come. Before that, {@link #outputShapes(int[][])} gives the
 * shapes its graphs declare (-1 where they are known only at run time).
 */
public interface ControlFlowOp extends Op {
    /**
     * The op run again and again by one thread: it keeps its graphs' plans and its buffers from one call to the next, so
     * calls on inputs of the same shapes allocate little or nothing.
     */
    interface Run {
        /** Runs the op on inputs of these shapes; shape arrays never change, so a run may keep them. */
        void run(float[][] inputs, int[][] inputShapes);

        /** The values of output {@code i} of the last call, valid until the next; not to be changed. */
        float[] output(int i);

        /** The shape of output {@code i} of the last call; not to be changed. */
        int[] outputShape(int i);
    }

    /** A new run of this op, for one thread. */
    Run newRun();

    /** Every input: running the graphs on their values gives the output shapes. */
    @Override
    default boolean shapeReadsValue(int input) {
        return true;
    }

    /** With every input's values known, the shapes of the outputs a run gives; the declared ones otherwise. */
    @Override
    default int[][] outputShapes(int[][] inputShapes, float[][] inputValues) {
        int[][] out = outputShapes(inputShapes);
        if (inputValues == null || java.util.Arrays.stream(inputValues).anyMatch(v -> v == null)) {
            return out;
        }
        Run run = newRun();
        run.run(inputValues, inputShapes);
        for (int i = 0; i < out.length; i++) {
            out[i] = run.outputShape(i).clone();
        }
        return out;
    }

    @Override
    default void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        Run run = newRun();
        run.run(inputs, inputShapes);
        for (int i = 0; i < outputs.length; i++) {
            System.arraycopy(run.output(i), 0, outputs[i], 0, run.output(i).length);
        }
    }
}
