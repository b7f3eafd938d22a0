package io.keras4j.runtime.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * GlibcTrig gives glibc's {@code cosf}/{@code sinf} bits. The expected values were read from glibc 2.36 (Debian 12,
 * x86-64) through Python's ctypes, at arguments where glibc's float differs from the correctly rounded one (so
 * {@code (float) Math.cos(x)} fails these), in each of the argument ranges that reduce differently.
 */
class GlibcTrigTest {
    /** {argument bits, glibc's result bits}. */
    private static final int[][] COS = {{0x41be6f8d, 0x3e75ea9e}, {0x42b97a68, 0x3d7e29c1}, {0xc1883f7a, 0xbe7b1fac},
            {0xc2882281, 0x3effccde}, {0x454241ce, 0xbef26073}, {0x44b677bf, 0xbee8eabe}, {0x4b1200df, 0xbdf779ac},
            {0x4ab426ab, 0x3e780126}};
    private static final int[][] SIN = {{0x42c42da2, 0xbf24df23}, {0x42c20880, 0x3eba7810}, {0xc10b8c0d, 0xbf2585ee},
            {0xc23e8562, 0x3ef85257}, {0x443d595a, 0xbe89b20b}, {0x4520cba1, 0x3e70ff14}, {0x4a02d01c, 0x3ef9b074},
            {0x4ada18bc, 0x3f34bc6c}};

    @Test
    void matchesGlibcWhereItIsNotCorrectlyRounded() {
        for (int[] c : COS) {
            float x = Float.intBitsToFloat(c[0]);
            assertEquals(Integer.toHexString(c[1]), Integer.toHexString(Float.floatToRawIntBits(GlibcTrig.cos(x))),
                    "cosf(" + x + ")");
            assertNotEquals(c[1], Float.floatToRawIntBits((float) Math.cos(x)), "glibc is not correctly rounded at " + x);
        }
        for (int[] s : SIN) {
            float x = Float.intBitsToFloat(s[0]);
            assertEquals(Integer.toHexString(s[1]), Integer.toHexString(Float.floatToRawIntBits(GlibcTrig.sin(x))),
                    "sinf(" + x + ")");
            assertNotEquals(s[1], Float.floatToRawIntBits((float) Math.sin(x)), "glibc is not correctly rounded at " + x);
        }
    }

    @Test
    void smallAndSpecialArguments() {
        assertEquals(1f, GlibcTrig.cos(0x1p-13f));
        assertEquals(0x1p-13f, GlibcTrig.sin(0x1p-13f));
        assertEquals(1f, GlibcTrig.cos(0f));
        assertEquals(Float.NaN, GlibcTrig.cos(Float.POSITIVE_INFINITY));
        assertEquals(Float.NaN, GlibcTrig.sin(Float.NaN));
    }
}
