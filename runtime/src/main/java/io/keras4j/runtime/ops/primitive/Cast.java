package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX Cast to bool (non-zero is 1) or to an integer type of {@code bits} bits, giving what ONNX Runtime gives on
 * x86-64. An integer wraps into the type's range (int8 of 300 is 44, uint8 of -1 is 255); a uint64 value of 2^63
 * and above has the bits of the negative int64 it is stored as. A float truncates toward zero through the
 * processor's 32-bit conversion for int8 to int32 and its 64-bit one for uint32 and int64; a float outside that
 * conversion's range, NaN or an infinity gives its most negative value, which then wraps like an integer (int8 of
 * 3e9 is 0, int32 of NaN is -2147483648). uint64 converts a float of 2^63 and above by subtracting 2^63 first, as
 * compilers do, so +inf and floats of 2^64 and above give 0. (For uint32 of a float below -2^31, of 2^32 and above,
 * NaN or -inf, ONNX Runtime's result depends on the element's place in the tensor, as its vector and scalar loops
 * differ; this is its scalar loop's.)
 */
public final class Cast implements Op {
    /** What the cast does to a value. */
    public enum Mode {
        /** A float to an integer type. */
        TRUNCATE,
        /** An integer to an integer type. */
        WRAP,
        /** Non-zero to 1, zero to 0. */
        BOOL,
        /**
         * What {@code .k4j} files of format versions 1 and 2 meant by TRUNCATE, kept so that they compute as they did:
         * toward zero, then wrapped into {@code bits} when the file gives them; NaN and infinities unchanged.
         */
        TRUNCATE_V2
    }

    private final Mode mode;
    private final int bits;
    private final boolean signed;

    private Cast(Mode mode, int bits, boolean signed) {
        this.mode = mode;
        this.bits = bits;
        this.signed = signed;
    }

    /** Non-zero is 1, zero is 0. */
    public static Cast toBool() {
        return new Cast(Mode.BOOL, 1, false);
    }

    /** A float to a signed or unsigned integer type of 8, 16, 32 or 64 bits. */
    public static Cast floatToInteger(int bits, boolean signed) {
        return new Cast(Mode.TRUNCATE, checkedBits(bits), signed);
    }

    /** An integer to a signed or unsigned integer type of 8, 16, 32 or 64 bits. */
    public static Cast integerToInteger(int bits, boolean signed) {
        return new Cast(Mode.WRAP, checkedBits(bits), signed);
    }

    private static int checkedBits(int bits) {
        if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
            throw new IllegalArgumentException("Cast: integer types have 8, 16, 32 or 64 bits, not " + bits);
        }
        return bits;
    }

    @Override
    public String type() {
        return "Cast";
    }

    @Override
    public OpSpec spec() {
        OpSpec.Builder b = OpSpec.builder(type()).attr("mode", mode.name());
        return mode == Mode.BOOL || bits == 0 ? b.build() : b.attr("bits", bits).attr("signed", signed).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Cast fromSpec(OpSpec s) {
        Mode mode = s.enumAttr("mode", Mode.class);
        if (mode == Mode.BOOL) {
            return toBool();
        }
        if (mode == Mode.TRUNCATE_V2 && !s.has("bits")) {
            return new Cast(mode, 0, true);
        }
        return new Cast(mode, checkedBits(s.intAttr("bits")), s.boolAttr("signed"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return Dims.sameShape(in, type());
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] y = outputs[0];
        for (int i = 0; i < x.length; i++) {
            y[i] = switch (mode) {
                case BOOL -> x[i] != 0f ? 1f : 0f;
                case WRAP -> wrap(x[i] >= 0x1p63f ? cvt64(x[i] - 0x1p63f) ^ Long.MIN_VALUE : (long) x[i]);
                case TRUNCATE -> wrap(truncate(x[i]));
                case TRUNCATE_V2 -> !Float.isFinite(x[i]) ? x[i]
                        : bits == 0 ? (float) (x[i] < 0 ? Math.ceil(x[i]) : Math.floor(x[i])) : wrap((long) x[i]);
            };
        }
    }

    /** The float truncated as ONNX Runtime does on x86-64 for this type, before wrapping. */
    private long truncate(float v) {
        if (bits == 64 && !signed && v >= 0x1p63f) {
            return cvt64(v - 0x1p63f) ^ Long.MIN_VALUE;
        }
        return bits == 64 || bits == 32 && !signed ? cvt64(v) : cvt32(v);
    }

    /** x86's cvttss2si to 32 bits: toward zero, and the most negative int for NaN and values out of range. */
    private static int cvt32(float v) {
        return v >= -0x1p31f && v < 0x1p31f ? (int) v : Integer.MIN_VALUE;
    }

    /** x86's cvttss2si to 64 bits. */
    private static long cvt64(float v) {
        return v >= -0x1p63f && v < 0x1p63f ? (long) v : Long.MIN_VALUE;
    }

    /** The integer wrapped into this type's range, as a float. */
    private float wrap(long t) {
        if (bits < 64) {
            int drop = 64 - bits;
            return signed ? (t << drop) >> drop : t & (-1L >>> drop);
        }
        return signed || t >= 0 ? t : (float) (t + 0x1p64);
    }
}
