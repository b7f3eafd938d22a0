package io.keras4j.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Npy reads every integer dtype NumPy writes (uint8 images, int16 audio, ...) as float32 values. */
class NpyTest {
    @Test
    void readsSignedAndUnsignedIntegersOfEveryWidth() {
        assertArrayEquals(new float[] {0, 255, 1}, Npy.parse(npy("|u1", 3, b -> b.put((byte) 0).put((byte) -1).put((byte) 1))).toArray());
        assertArrayEquals(new float[] {-128, 127, -1}, Npy.parse(npy("|i1", 3, b -> b.put((byte) -128).put((byte) 127).put((byte) -1))).toArray());
        assertArrayEquals(new float[] {65535, 0}, Npy.parse(npy("<u2", 2, b -> b.putShort((short) -1).putShort((short) 0))).toArray(),
                0f, "a uint16 of all ones is 65535");
        assertArrayEquals(new float[] {-32768, 32767}, Npy.parse(npy("<i2", 2, b -> b.putShort((short) -32768).putShort((short) 32767))).toArray());
        assertArrayEquals(new float[] {4294967295f, 7}, Npy.parse(npy("<u4", 2, b -> b.putInt(-1).putInt(7))).toArray());
        assertArrayEquals(new float[] {18446744073709551615f, 9223372036854775808f, 5},
                Npy.parse(npy("<u8", 3, b -> b.putLong(-1).putLong(Long.MIN_VALUE).putLong(5))).toArray());
    }

    @Test
    void readsBigEndianIntegers() {
        assertArrayEquals(new float[] {258, 65534}, Npy.parse(npy(">u2", 2, b -> b.order(ByteOrder.BIG_ENDIAN)
                .putShort((short) 258).putShort((short) -2))).toArray());
    }

    /** A version-1 .npy file of shape (n,) and dtype descr, its data written by {@code data}. */
    private static byte[] npy(String descr, int n, java.util.function.Consumer<ByteBuffer> data) {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + n + ",), }";
        header += " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 8 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        data.accept(b);
        return b.array();
    }
}
