package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX Cast to bool (non-zero is 1) or to an integer type of {@code bits} bits: truncates toward zero, then wraps
 * into the type's range as ONNX Runtime's two's-complement conversion does (int8 of 300 is 44, uint8 of -1 is 255).
 * NaN and infinities pass unchanged.
 */
public final class Cast implements Op {
    /** What the cast does to a float value. */
    public enum Mode { TRUNCATE, BOOL }

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

    /** To a signed or unsigned integer type of 8, 16, 32 or 64 bits. */
    public static Cast toInteger(int bits, boolean signed) {
        if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
            throw new IllegalArgumentException("Cast: integer types have 8, 16, 32 or 64 bits, not " + bits);
        }
        return new Cast(Mode.TRUNCATE, bits, signed);
    }

    @Override
    public String type() {
        return "Cast";
    }

    @Override
    public OpSpec spec() {
        OpSpec.Builder b = OpSpec.builder(type()).attr("mode", mode.name());
        return mode == Mode.BOOL ? b.build() : b.attr("bits", bits).attr("signed", signed).build();
    }

    /** Rebuilds the op from its {@link #spec()}; a file written before the integer types had widths casts to int64. */
    public static Cast fromSpec(OpSpec s) {
        if (s.enumAttr("mode", Mode.class) == Mode.BOOL) {
            return toBool();
        }
        return s.has("bits") ? toInteger(s.intAttr("bits"), s.boolAttr("signed")) : toInteger(64, true);
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        return new int[][] {in[0].clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] y = outputs[0];
        for (int i = 0; i < x.length; i++) {
            y[i] = mode == Mode.BOOL ? (x[i] != 0f ? 1f : 0f) : toInteger(x[i]);
        }
    }

    private float toInteger(float v) {
        if (!Float.isFinite(v)) {
            return v;
        }
        long t = (long) v;
        if (bits < 64) {
            int drop = 64 - bits;
            return signed ? (t << drop) >> drop : t & (-1L >>> drop);
        }
        return signed || t >= 0 ? t : (float) (t + 0x1p64);
    }
}
