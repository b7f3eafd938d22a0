package io.keras4j.runtime.ops.flow;

import io.keras4j.runtime.Runner;

/**
 * The values a Loop or Scan carries from one step to the next, in buffers of their own: the body's outputs are copied
 * into a second set, which then becomes the current one, so a body may give back its inputs in any order. A buffer is
 * reallocated only when a value changes size.
 */
final class Carried {
    private float[][] values;
    private int[][] shapes;
    private float[][] spare;
    private int[][] spareShapes;

    Carried(int count) {
        values = new float[count][];
        shapes = new int[count][];
        spare = new float[count][];
        spareShapes = new int[count][];
    }

    /** Starts from the node's inputs {@code from} on. */
    void start(float[][] inputs, int[][] inputShapes, int from) {
        for (int k = 0; k < values.length; k++) {
            values[k] = copy(inputs[from + k], values[k]);
            shapes[k] = inputShapes[from + k];
        }
    }

    /** Takes the body's outputs {@code from} on as the next values. */
    void next(Runner body, int from) {
        for (int k = 0; k < values.length; k++) {
            spare[k] = copy(body.output(from + k), spare[k]);
            spareShapes[k] = body.outputShape(from + k);
        }
        float[][] v = values;
        values = spare;
        spare = v;
        int[][] s = shapes;
        shapes = spareShapes;
        spareShapes = s;
    }

    /** Puts the current values and their shapes into the body's inputs from {@code at} on. */
    void into(float[][] inputs, int[][] inputShapes, int at) {
        System.arraycopy(values, 0, inputs, at, values.length);
        System.arraycopy(shapes, 0, inputShapes, at, shapes.length);
    }

    float[] value(int k) {
        return values[k];
    }

    int[] shape(int k) {
        return shapes[k];
    }

    /** {@code x} copied into {@code into}, or into a new array when that is not of its length. */
    private static float[] copy(float[] x, float[] into) {
        float[] y = into != null && into.length == x.length ? into : new float[x.length];
        System.arraycopy(x, 0, y, 0, x.length);
        return y;
    }
}
