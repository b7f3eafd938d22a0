package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * Keras' Hashing of numbers as its TensorFlow backend computes it ({@code tf.strings.to_hash_bucket_fast} of
 * {@code tf.as_string} of the values cast to int64): each value cast toward zero to an int64 (NaN and values beyond its
 * range give its lowest, as TensorFlow's cast on x86), written in decimal, hashed with FarmHash's Fingerprint64, and
 * taken modulo {@code bins} as an unsigned number. With a mask value, a value equal to it gives 0 and the others their
 * bucket among {@code bins − 1}, plus 1.
 */
public final class FingerprintHash implements Op {
    private static final long K0 = 0xc3a5c85c97cb3127L;
    private static final long K1 = 0xb492b66fbe98f273L;
    private static final long K2 = 0x9ae16a3b2f90404fL;
    private final int bins;
    private final Float maskValue;

    /** @param maskValue the value reserved for bucket 0, or null for none */
    public FingerprintHash(int bins, Float maskValue) {
        if (bins <= 0 || maskValue != null && bins < 2) {
            throw new IllegalArgumentException("FingerprintHash needs a positive number of bins (2 with a mask value), got "
                    + bins);
        }
        this.bins = bins;
        this.maskValue = maskValue;
    }

    @Override
    public String type() {
        return "FingerprintHash";
    }

    @Override
    public OpSpec spec() {
        OpSpec.Builder b = OpSpec.builder(type()).attr("bins", bins);
        return (maskValue == null ? b : b.attr("maskValue", (double) maskValue)).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static FingerprintHash fromSpec(OpSpec s) {
        return new FingerprintHash(s.intAttr("bins"), s.has("maskValue") ? (float) s.doubleAttr("maskValue") : null);
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return Dims.sameShape(in, type());
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] y = outputs[0];
        long buckets = maskValue == null ? bins : bins - 1;
        for (int i = 0; i < x.length; i++) {
            if (maskValue != null && x[i] == maskValue) {
                y[i] = 0f;
                continue;
            }
            long v = x[i] >= -0x1p63f && x[i] < 0x1p63f ? (long) x[i] : Long.MIN_VALUE;
            long bucket = Long.remainderUnsigned(fingerprint64(scratch, decimal(v, scratch)), buckets);
            y[i] = maskValue == null ? bucket : bucket + 1;
        }
    }

    /** The longest decimal int64, {@code -9223372036854775808}: its bytes, one a float, are the scratch. */
    @Override
    public int scratchSize(int[][] inputShapes) {
        return 20;
    }

    /** Writes {@code v} in decimal into {@code text}, one ASCII byte a float (no allocation), and returns its length. */
    private static int decimal(long v, float[] text) {
        int len = v < 0 ? 2 : 1;
        for (long q = v / 10; q != 0; q /= 10) {
            len++;
        }
        long q = v;
        for (int i = len - 1; i >= (v < 0 ? 1 : 0); i--) {
            text[i] = '0' + (int) Math.abs(q % 10);
            q /= 10;
        }
        if (v < 0) {
            text[0] = '-';
        }
        return len;
    }

    /**
     * FarmHash's Fingerprint64 (farmhashna::Hash64) of the first {@code len} bytes of {@code s} (one a float, as
     * {@link #decimal} writes them), up to 32, which a decimal int64 never exceeds.
     */
    private static long fingerprint64(float[] s, int len) {
        if (len > 16) {
            long mul = K2 + len * 2L;
            long a = fetch(s, 0, 8) * K1;
            long b = fetch(s, 8, 8);
            long c = fetch(s, len - 8, 8) * mul;
            long d = fetch(s, len - 16, 8) * K2;
            return hashLen16(Long.rotateRight(a + b, 43) + Long.rotateRight(c, 30) + d,
                    a + Long.rotateRight(b + K2, 18) + c, mul);
        }
        if (len >= 8) {
            long mul = K2 + len * 2L;
            long a = fetch(s, 0, 8) + K2;
            long b = fetch(s, len - 8, 8);
            long c = Long.rotateRight(b, 37) * mul + a;
            long d = (Long.rotateRight(a, 25) + b) * mul;
            return hashLen16(c, d, mul);
        }
        if (len >= 4) {
            long mul = K2 + len * 2L;
            long a = fetch(s, 0, 4);
            return hashLen16(len + (a << 3), fetch(s, len - 4, 4), mul);
        }
        if (len > 0) {
            int a = (int) s[0];
            int b = (int) s[len >> 1];
            int c = (int) s[len - 1];
            long y = (a + (b << 8)) & 0xffffffffL;
            long z = (len + (c << 2)) & 0xffffffffL;
            long h = y * K2 ^ z * K0;
            return (h ^ (h >>> 47)) * K2;
        }
        return K2;
    }

    private static long hashLen16(long u, long v, long mul) {
        long a = (u ^ v) * mul;
        a ^= a >>> 47;
        long b = (v ^ a) * mul;
        b ^= b >>> 47;
        return b * mul;
    }

    /** The {@code n} bytes of {@code s} from {@code at} as a little-endian number. */
    private static long fetch(float[] s, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (int) s[at + i];
        }
        return v;
    }
}
