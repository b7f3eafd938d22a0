package io.keras4j.runtime.ops.primitive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ElementwiseTest {
    /**
     * Pow follows C's pow, as TensorFlow's tf.pow and ONNX Runtime 1.30's Pow do (both checked on these inputs: 1, 1, 1,
     * 1, 1), where Java's Math.pow gives NaN for the first four.
     */
    @Test
    void powerOfOneOrMinusOneFollowsC() {
        assertEquals(1f, Elementwise.power(1f, Float.NaN));
        assertEquals(1f, Elementwise.power(1f, Float.POSITIVE_INFINITY));
        assertEquals(1f, Elementwise.power(-1f, Float.POSITIVE_INFINITY));
        assertEquals(1f, Elementwise.power(-1f, Float.NEGATIVE_INFINITY));
        assertEquals(1f, Elementwise.power(Float.NaN, 0f));
        assertEquals(Float.NaN, Elementwise.power(2f, Float.NaN));
        assertEquals(Float.NaN, Elementwise.power(-2f, 0.5f));
    }
}
