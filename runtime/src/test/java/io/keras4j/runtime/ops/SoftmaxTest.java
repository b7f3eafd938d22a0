package io.keras4j.runtime.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The masked softmax of Keras 3.10 and later against that of Keras 3.0 to 3.9, on a row whose every entry is masked. */
class SoftmaxTest {
    private static float[] run(Softmax op, float[] x, float[] mask) {
        float[] y = new float[x.length];
        op.forward(new float[][] {x, mask}, new int[][] {{1, x.length}, {1, x.length}}, new float[][] {y}, new float[0]);
        return y;
    }

    @Test
    void aFullyMaskedRowIsZerosSinceKeras310AndTheSoftmaxOfScoresLoweredBy1e9Before() {
        float[] none = {0, 0, 0};
        assertArrayEquals(new float[] {0, 0, 0}, run(new Softmax(2, new int[] {1}, true), new float[] {4, 500, 6}, none));
        // Keras 3.0-3.9 added (1 - mask) * -1e9 in float32: 4 - 1e9 and 6 - 1e9 round to -1e9, 500 - 1e9 to -999999488
        assertArrayEquals(new float[] {0, 1, 0}, run(Softmax.unzeroed(2, new int[] {1}), new float[] {4, 500, 6}, none));
        assertArrayEquals(new float[] {1 / 3f, 1 / 3f, 1 / 3f}, run(Softmax.unzeroed(2, new int[] {1}), new float[] {1, 2, 3},
                none), 1e-7f);
        // partly masked rows agree
        float[] some = {1, 0, 1};
        assertArrayEquals(run(new Softmax(2, new int[] {1}, true), new float[] {1, 2, 3}, some),
                run(Softmax.unzeroed(2, new int[] {1}), new float[] {1, 2, 3}, some), 0f);
    }
}
