package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX Add, Sub, Mul, Div, Pow, Max, Min and the comparisons of two inputs with numpy broadcasting; integer Div
 * truncates toward zero; Max and Min give NaN where either value is NaN and the second value where the two compare
 * equal (as ONNX Runtime does with zeros of both signs); comparisons give 1 where they hold, else 0.
 */
public final class Elementwise implements Op {
    /** The function, with the name of its ONNX operator. */
    public enum Kind {
        ADD("Add"), SUB("Sub"), MUL("Mul"), DIV("Div"), INT_DIV("Div"), POW("Pow"), EQUAL("Equal"), MAX("Max"), MIN("Min"),
        GREATER("Greater"), LESS("Less"), GREATER_OR_EQUAL("GreaterOrEqual"), LESS_OR_EQUAL("LessOrEqual"),
        /** Integer remainder with the divisor's sign (ONNX Mod, fmod=0). */
        MOD("Mod"),
        /** Remainder with the dividend's sign, as C's fmod (ONNX Mod, fmod=1). */
        FMOD("Mod"),
        /** 1 where the operands differ (NaN differs from everything), else 0. */
        NOT_EQUAL("NotEqual"),
        /** Logical operations on truth values: nonzero (NaN included) is true; the result is 1 or 0. */
        AND("And"), OR("Or"), XOR("Xor"),
        /**
         * Floating-point division rounded down, {@code floor(x / y)} of the float quotient, and the remainder with the
         * divisor's sign, {@code fmod(x, y)} moved by y where the signs differ (NaN for y = 0): TensorFlow's floordiv and
         * floormod of floats (keras.ops floor_divide and mod).
         */
        FLOOR_DIV("FloorDiv"), FLOOR_MOD("FloorMod"),
        /**
         * {@code atan2(x, y)}, and {@code hypot}: {@code max·sqrt(1 + (min/max)²)} of the magnitudes in float32, as Keras'
         * TensorFlow backend computes it (0 where both are 0).
         */
        ATAN2("Atan2"), HYPOT("Hypot"),
        /**
         * {@code log(exp(x) + exp(y))} as Keras computes it in float32: {@code max + log1p(exp(-|x - y|))}, and x + y where
         * x - y is NaN; {@code log2(2^x + 2^y)} as {@code max + log1p(exp(-|x - y|·ln 2)) / ln 2}, ln 2 in float32.
         */
        LOG_ADD_EXP("LogAddExp"), LOG_ADD_EXP2("LogAddExp2"),
        /**
         * Bitwise and, or, xor, and shifts left and right (arithmetic) of the integers the operands hold, as 64-bit two's
         * complement integers (exact for values below 2^24 in magnitude, which float32 holds exactly), the shift's count
         * taken modulo 64 (callers clip it to their type's bits first and wrap the result into that type, see
         * {@link Cast#integerToInteger}): Keras' bitwise operations, ONNX BitwiseAnd, BitwiseOr and BitwiseXor.
         */
        BIT_AND("BitwiseAnd"), BIT_OR("BitwiseOr"), BIT_XOR("BitwiseXor"), SHIFT_LEFT("BitShift"), SHIFT_RIGHT("BitShift"),
        /**
         * The next double after x toward y (y where they are equal, NaN where either is), rounded to float32: Keras'
         * TensorFlow backend computes nextafter in float64 and casts the result back, so this is x but for a zero x,
         * which takes y's direction's sign, and an x equal to y.
         */
        NEXT_AFTER("NextAfter"),
        /**
         * The greatest common divisor of the integers' magnitudes (0 for two zeros), and their least common multiple,
         * {@code |x|·(|y| / gcd)} (0 where gcd is), as 64-bit integers (Keras' TensorFlow backend's Euclid loop).
         */
        GCD("Gcd"), LCM("Lcm");

        private final String operator;

        Kind(String operator) {
            this.operator = operator;
        }

        /** Whether the result is a truth value, 1 or 0 (a bool in ONNX): the comparisons and the logical operations. */
        public boolean givesTruth() {
            return this == EQUAL || this == GREATER || this == LESS || this == GREATER_OR_EQUAL || this == LESS_OR_EQUAL
                    || this == NOT_EQUAL || this == AND || this == OR || this == XOR;
        }
    }

    /** ln 2 in float32, as Keras' TensorFlow backend computes {@code log(2.0)}. */
    private static final float LN2 = (float) Math.log(2.0);

    private final Kind kind;

    public Elementwise(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String type() {
        return kind.operator;
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder("Elementwise").attr("kind", kind.name()).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Elementwise fromSpec(OpSpec s) {
        return new Elementwise(s.enumAttr("kind", Kind.class));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 2, type());
        return new int[][] {Dims.broadcast(in, type())};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] a = inputs[0];
        float[] b = inputs[1];
        float[] y = outputs[0];
        boolean same = a.length == y.length && b.length == y.length;
        for (int i = 0; i < y.length; i++) {
            float x1 = same ? a[i] : a[Dims.broadcastOffset(i, inputShapes, 0)];
            float x2 = same ? b[i] : b[Dims.broadcastOffset(i, inputShapes, 1)];
            y[i] = apply(x1, x2);
        }
    }

    /**
     * C's {@code pow}, which TensorFlow and ONNX Runtime call: as {@link Math#pow} but that 1 to any power (NaN included)
     * and -1 to an infinite power are 1, where Java gives NaN.
     */
    static float power(float x, float y) {
        return x == 1f || x == -1f && Float.isInfinite(y) ? 1f : (float) Math.pow(x, y);
    }

    private float apply(float x, float y) {
        switch (kind) {
            case ADD:
                return x + y;
            case SUB:
                return x - y;
            case MUL:
                return x * y;
            case DIV:
                return x / y;
            case POW:
                return power(x, y);
            case EQUAL:
                return x == y ? 1f : 0f;
            case MAX:
                return x != x || y != y ? Float.NaN : x > y ? x : y;
            case MIN:
                return x != x || y != y ? Float.NaN : x < y ? x : y;
            case GREATER:
                return x > y ? 1f : 0f;
            case LESS:
                return x < y ? 1f : 0f;
            case GREATER_OR_EQUAL:
                return x >= y ? 1f : 0f;
            case LESS_OR_EQUAL:
                return x <= y ? 1f : 0f;
            case FMOD:
                return x % y;
            case MOD:
                if (y == 0f) {
                    throw new IllegalArgumentException("integer division by zero");
                }
                return floorMod(x, y);
            case NOT_EQUAL:
                return x != y ? 1f : 0f;
            case AND:
                return x != 0f && y != 0f ? 1f : 0f;
            case OR:
                return x != 0f || y != 0f ? 1f : 0f;
            case XOR:
                return (x != 0f) != (y != 0f) ? 1f : 0f;
            case FLOOR_DIV:
                return (float) Math.floor(x / y);
            case FLOOR_MOD:
                return floorMod(x, y);
            case ATAN2:
                return (float) Math.atan2(x, y);
            case LOG_ADD_EXP: {
                float delta = x - y;
                return delta != delta ? x + y
                        : Math.max(x, y) + (float) Math.log1p((float) Math.exp(-Math.abs(delta)));
            }
            case LOG_ADD_EXP2: {
                float delta = x - y;
                return delta != delta ? x + y
                        : Math.max(x, y) + (float) Math.log1p((float) Math.exp(-Math.abs(delta) * LN2)) / LN2;
            }
            case BIT_AND:
                return (long) x & (long) y;
            case BIT_OR:
                return (long) x | (long) y;
            case BIT_XOR:
                return (long) x ^ (long) y;
            case SHIFT_LEFT:
                return (long) x << (long) y;
            case SHIFT_RIGHT:
                return (long) x >> (long) y;
            case GCD:
                return gcd((long) x, (long) y);
            case LCM: {
                long divisor = gcd((long) x, (long) y);
                return divisor == 0 ? 0f : Math.abs((long) x) * (Math.abs((long) y) / divisor);
            }
            case NEXT_AFTER:
                return (float) Math.nextAfter((double) x, (double) y);
            case HYPOT: {
                float big = Math.max(Math.abs(x), Math.abs(y));
                float ratio = big == 0f ? 0f : Math.min(Math.abs(x), Math.abs(y)) / big;
                return big * (float) Math.sqrt(1f + ratio * ratio);
            }
            default: // INT_DIV
                if (y == 0f) {
                    throw new IllegalArgumentException("integer division by zero");
                }
                double q = (double) x / y;
                return (float) (q < 0 ? Math.ceil(q) : Math.floor(q));
        }
    }

    private static long gcd(long a, long b) {
        a = Math.abs(a);
        b = Math.abs(b);
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return a;
    }

    private static float floorMod(float x, float y) {
        float r = x % y;
        return r != 0f && (r < 0f) != (y < 0f) ? r + y : r;
    }
}
