package io.keras4j.runtime.ops;

import io.keras4j.runtime.Tensor;

/**
 * An op that runs graphs of its own (ONNX If, Loop and Scan), whose output shapes are known only once it has run: a plan
 * runs it when it reaches it and takes its outputs as they come. Before that, {@link #outputShapes(int[][])} gives the
 * shapes its graphs declare (-1 where they are known only at run time).
 */
public interface ControlFlowOp extends Op {
    /** Runs the op on inputs of these shapes; its outputs, with their shapes. */
    Tensor[] run(float[][] inputs, int[][] inputShapes);

    /** With every input's values known, the shapes of the outputs {@link #run} gives; the declared ones otherwise. */
    @Override
    default int[][] outputShapes(int[][] inputShapes, float[][] inputValues) {
        if (inputValues == null || java.util.Arrays.stream(inputValues).anyMatch(v -> v == null)) {
            return outputShapes(inputShapes);
        }
        return java.util.Arrays.stream(run(inputValues, inputShapes)).map(Tensor::shape).toArray(int[][]::new);
    }

    @Override
    default void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        Tensor[] results = run(inputs, inputShapes);
        for (int i = 0; i < outputs.length; i++) {
            results[i].copyTo(outputs[i], 0);
        }
    }
}
