package io.keras4j.runtime.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * GlibcLog gives glibc's {@code logf} bits. The expected values were read from glibc 2.36 (Debian 12, x86-64) through
 * Python's ctypes, at arguments where glibc's float differs from the correctly rounded one (so {@code (float) Math.log(x)}
 * fails these): {@code FLT_MAX / n} for three row lengths n of QLinearSoftmax (60594, 245281, 1016390), then subnormal,
 * near-one and other normal arguments.
 */
class GlibcLogTest {
    /** {argument bits, glibc's result bits}. */
    private static final int[][] LOG = {{0x778a7088, 0x429b6bf9}, {0x7688ccca, 0x4298a018}, {0x75840da9, 0x4295c83a},
            {0x0050d925, 0xc2af978d}, {0x00125274, 0xc2b28f9a}, {0x00497e14, 0xc2afc865}, {0x3f7beba5, 0xbc839885},
            {0x3fa3db96, 0x3e7ce54c}, {0x3f7b9073, 0xbc8f3020}, {0x39b47a25, 0xc0ff2c96}, {0x35fd5554, 0xc152e261},
            {0x34297e39, 0xc17a95ed}};

    @Test
    void matchesGlibcWhereItIsNotCorrectlyRounded() {
        for (int[] c : LOG) {
            float x = Float.intBitsToFloat(c[0]);
            assertEquals(Integer.toHexString(c[1]), Integer.toHexString(Float.floatToRawIntBits(GlibcLog.log(x))),
                    "logf(" + x + ")");
            assertNotEquals(c[1], Float.floatToRawIntBits((float) Math.log(x)), "glibc is not correctly rounded at " + x);
        }
    }

    @Test
    void specialArguments() {
        assertEquals(0f, GlibcLog.log(1f));
        assertEquals(Float.NEGATIVE_INFINITY, GlibcLog.log(0f));
        assertEquals(Float.NEGATIVE_INFINITY, GlibcLog.log(-0f));
        assertEquals(Float.POSITIVE_INFINITY, GlibcLog.log(Float.POSITIVE_INFINITY));
        assertEquals(Float.NaN, GlibcLog.log(-1f));
        assertEquals(Float.NaN, GlibcLog.log(Float.NEGATIVE_INFINITY));
        assertEquals(Float.NaN, GlibcLog.log(Float.NaN));
        assertEquals((float) Math.log(Float.MIN_VALUE), GlibcLog.log(Float.MIN_VALUE));
    }
}
