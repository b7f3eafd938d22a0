package io.keras4j.runtime.math;

/**
 * glibc's single-precision {@code cosf} and {@code sinf} (glibc 2.28 and later, from Arm's optimized-routines, MIT
 * licence), bit for bit: where ONNX Runtime or TensorFlow build tables from {@code std::cos(float)}, the float they get is
 * this one, not the correctly rounded {@code (float) Math.cos(x)}, which differs on about 1% of arguments by one ulp.
 * The argument is reduced to [-π/4, π/4] by one multiply-subtract below 120, else exactly against 4/π to 192 bits;
 * then a polynomial in double. glibc's x86-64 builds for FMA machines fuse the multiply-adds, as {@link Math#fma} does
 * here (the results checked equal with and without fusing on 16,000 arguments up to 10^6).
 */
public final class GlibcTrig {
    private static final double[] SIGN = {1.0, -1.0, -1.0, 1.0};
    /** 2/π scaled by 2^24, so that the quadrant lands in bits 24 and up of the product's integer part. */
    private static final double HALF_PI_INVERSE = 0x1.45F306DC9C883p+23;
    private static final double HALF_PI = 0x1.921FB54442D18p0;
    /** The cosine polynomial's coefficients (of x^0 ... x^8); negated where the quadrant asks for -cos. */
    private static final double[] COS = {0x1p0, -0x1.ffffffd0c621cp-2, 0x1.55553e1068f19p-5, -0x1.6c087e89a359dp-10,
            0x1.99343027bf8c3p-16};
    /** The sine polynomial's coefficients of x^3, x^5, x^7. */
    private static final double[] SIN = {-0x1.555545995a603p-3, 0x1.1107605230bc4p-7, -0x1.994eb3774cf24p-13};
    /** 4/π to 192 bits, 8 new bits per entry so that any 96-bit window is three aligned entries 4 apart. */
    private static final int[] INVERSE_PI_OVER_4 = {0xa2, 0xa2f9, 0xa2f983, 0xa2f9836e, 0xf9836e4e, 0x836e4e44,
            0x6e4e4415, 0x4e441529, 0x441529fc, 0x1529fc27, 0x29fc2757, 0xfc2757d1, 0x2757d1f5, 0x57d1f534, 0xd1f534dd,
            0xf534ddc0, 0x34ddc0db, 0xddc0db62, 0xc0db6295, 0xdb629599, 0x6295993c, 0x95993c43, 0x993c4390,
            0x3c439041};
    /** π·2^-62: the unit of the reduced argument's fixed-point value. */
    private static final double PI_2_62 = 0x1.921FB54442D18p-62;

    private GlibcTrig() {
    }

    /** glibc's {@code cosf(x)}. */
    public static float cos(float x) {
        return trig(x, true);
    }

    /** glibc's {@code sinf(x)}. */
    public static float sin(float x) {
        return trig(x, false);
    }

    private static float trig(float y, boolean cosine) {
        int top = top12(y);
        double x = y;
        if (top < top12((float) (Math.PI / 4))) {
            if (top < top12(0x1p-12f)) {
                return cosine ? 1f : y;
            }
            return polynomial(x, x * x, false, cosine ? 1 : 0);
        }
        int quadrant;
        int signed;
        if (top < top12(120f)) {
            double r = x * HALF_PI_INVERSE;
            quadrant = ((int) r + 0x800000) >> 24;
            x = Math.fma(-quadrant, HALF_PI, x);
            signed = quadrant;
        } else if (top < top12(Float.POSITIVE_INFINITY)) {
            int bits = Float.floatToRawIntBits(y);
            long[] reduced = reduceLarge(bits);
            quadrant = (int) reduced[0];
            x = reduced[1] * PI_2_62;
            signed = quadrant + (bits >>> 31);
        } else {
            return Float.NaN;
        }
        return polynomial(x * SIGN[signed & 3], x * x, (signed & 2) != 0, cosine ? quadrant ^ 1 : quadrant);
    }

    /** sin(x) for an even quadrant, cos(x) for an odd one (negated when {@code negate}), in double, rounded once. */
    private static float polynomial(double x, double x2, boolean negate, int quadrant) {
        if ((quadrant & 1) == 0) {
            double x3 = x * x2;
            double s1 = Math.fma(x2, SIN[2], SIN[1]);
            double x7 = x3 * x2;
            double s = Math.fma(x3, SIN[0], x);
            return (float) Math.fma(x7, s1, s);
        }
        double sign = negate ? -1 : 1;
        double x4 = x2 * x2;
        double c2 = Math.fma(x2, sign * COS[4], sign * COS[3]);
        double c1 = Math.fma(x2, sign * COS[1], sign * COS[0]);
        double x6 = x4 * x2;
        double c = Math.fma(x4, sign * COS[2], c1);
        return (float) Math.fma(x6, c2, c);
    }

    /**
     * The quadrant n and the remainder of |x| (bits of a float of at least 2) less n·π/2, as a signed fixed-point
     * integer of unit π·2^-62: the exact product of the 24-bit mantissa by a 96-bit window of 4/π.
     */
    private static long[] reduceLarge(int bits) {
        int at = (bits >>> 26) & 15;
        long mantissa = ((bits & 0xffffff) | 0x800000) << ((bits >>> 23) & 7) & 0xffffffffL;
        long low = (mantissa * (INVERSE_PI_OVER_4[at] & 0xffffffffL)) & 0xffffffffL;
        long middle = mantissa * (INVERSE_PI_OVER_4[at + 4] & 0xffffffffL);
        long high = mantissa * (INVERSE_PI_OVER_4[at + 8] & 0xffffffffL);
        long product = ((high >>> 32) | (low << 32)) + middle;
        long quadrant = (product + (1L << 61)) >>> 62;
        return new long[] {quadrant, product - (quadrant << 62)};
    }

    private static int top12(float x) {
        return (Float.floatToRawIntBits(x) >>> 20) & 0x7ff;
    }
}
