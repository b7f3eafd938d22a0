package io.keras4j.runtime.math;

import java.util.Locale;

/**
 * An activation function as Keras defines it, applied in place. Element-wise functions ignore the
 * row width; softmax and log_softmax work along the last axis, whose width the caller passes.
 */
public final class Activation {

    /** The functions keras4j implements. */
    public enum Kind {
        LINEAR, RELU, RELU6, LEAKY_RELU, ELU, SELU, SOFTPLUS, SOFTSIGN, SILU, GELU, GELU_TANH, TANH, SIGMOID,
        EXPONENTIAL, HARD_SIGMOID, HARD_SILU, MISH, SOFTMAX, LOG_SOFTMAX, CELU, HARD_TANH, HARD_SHRINK, SOFT_SHRINK, SHRINK,
        /** ONNX Clip: {@code min(max(x, alpha), beta)} (so beta where alpha > beta; NaN stays NaN). */
        CLIP,
        TANH_SHRINK, LOG_SIGMOID, SPARSE_PLUS, SPARSE_SIGMOID, SQUAREPLUS, SPARSEMAX, GLU,
        /**
         * ONNX RNN activations: {@code alpha·x + beta}, {@code alpha·tanh(beta·x)}, {@code x > alpha ? x : beta} (beta 0
         * unless given: keras.ops.threshold's default_value).
         */
        AFFINE, SCALED_TANH, THRESHOLDED_RELU,
        /**
         * The error function and the square root (ONNX Erf, Sqrt); the inverse error function of x + 1 rounded to
         * float32, minus 1, as TensorFlow (keras.ops.erfinv).
         */
        ERF, SQRT, ERFINV,
        /** ONNX Abs, Log, Reciprocal, Floor, Ceil and Round (half to even). */
        ABS, LOG, RECIPROCAL, FLOOR, CEIL, ROUND,
        /** ONNX Sin and Cos (torch's sinusoidal position encodings). */
        SIN, COS,
        /** The other trigonometric and hyperbolic functions and their inverses (ONNX Tan, Atan, ...; keras.ops). */
        TAN, ATAN, ASIN, ACOS, SINH, COSH, ASINH, ACOSH, ATANH,
        /**
         * {@code log(1 + x)}, {@code exp(x) - 1}, {@code log2} and {@code log10} (the float32 quotient of the natural
         * logarithms, as Keras computes them), {@code 2^x}, {@code 1/sqrt(x)}.
         */
        LOG1P, EXPM1, LOG2, LOG10, EXP2, RSQRT,
        /** -1, 0 or 1 (NaN stays NaN; -0.0 gives 0, as TensorFlow), and rounding toward zero. */
        SIGN, TRUNC,
        /**
         * 1 where the value is NaN, else 0; 1 where it is infinite (negative infinity if alpha is 1, positive if beta
         * is 1; both by default); 1 where it is neither (ONNX IsNaN, IsInf; keras.ops isnan, isinf, isfinite).
         */
        IS_NAN, IS_INF, IS_FINITE,
        /**
         * The complementary error function {@code 1 - erf(x)} (keras.ops.erfc), and 1 where the sign bit is set (negative
         * values, -0.0 and NaNs that carry it, as TensorFlow reads the bits; keras.ops.signbit), else 0.
         */
        ERFC, SIGNBIT,
        /**
         * The modified Bessel function of the first kind of order 0, {@code Σ ((x/2)^k / k!)²}, summed in double and
         * rounded once (keras.ops.i0).
         */
        BESSEL_I0
    }

    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    private static final double SELU_SCALE = 1.0507009873554804934193349852946;

    /** hard_sigmoid of Keras 3: {@code clip(x/6 + 0.5, 0, 1)}. */
    public static final Activation HARD_SIGMOID_KERAS3 = new Activation(Kind.HARD_SIGMOID, 1.0 / 6.0);
    /** hard_sigmoid of Keras 1, Keras 2 and tf.keras: {@code clip(0.2x + 0.5, 0, 1)}. */
    public static final Activation HARD_SIGMOID_KERAS2 = new Activation(Kind.HARD_SIGMOID, 0.2);

    /** {@code -x}, zeros' signs flipped too: {@code -1·x + (-0.0)} (ONNX Neg, Keras' negative). */
    public static final Activation NEGATIVE = new Activation(Kind.AFFINE, -1, -0.0);

    private final Kind kind;
    private final double alpha;
    private final double beta;

    private Activation(Kind kind, double alpha) {
        this(kind, alpha, kind == Kind.HARD_SIGMOID ? 0.5 : 0);
    }

    private Activation(Kind kind, double alpha, double beta) {
        this.kind = kind;
        this.alpha = alpha;
        this.beta = beta;
    }

    /** A function that takes no parameter. */
    public static Activation of(Kind kind) {
        switch (kind) {
            case LEAKY_RELU:
                return new Activation(kind, 0.2);
            case ELU:
            case CELU:
                return new Activation(kind, 1.0);
            case HARD_SHRINK:
            case SOFT_SHRINK:
                return new Activation(kind, 0.5);
            case SQUAREPLUS:
                return new Activation(kind, 4.0);
            case IS_INF:
                return new Activation(kind, 1, 1);
            case HARD_SIGMOID:
                return HARD_SIGMOID_KERAS3;
            default:
                return new Activation(kind, 0);
        }
    }

    /**
     * A function with one parameter: the negative slope of LEAKY_RELU, alpha of ELU and CELU, slope of
     * HARD_SIGMOID, threshold of HARD_SHRINK and SOFT_SHRINK, b of SQUAREPLUS.
     */
    public static Activation of(Kind kind, double alpha) {
        return new Activation(kind, alpha);
    }

    /**
     * A function with two parameters, as ONNX operators take them: AFFINE and SCALED_TANH (alpha, beta), HARD_SIGMOID
     * {@code clip(alpha·x + beta, 0, 1)}, SHRINK (ONNX Shrink: lambd, bias), CLIP (min, max), THRESHOLDED_RELU
     * (threshold, value below it), IS_INF (whether negative and positive infinity count, 1 or 0).
     */
    public static Activation of(Kind kind, double alpha, double beta) {
        return new Activation(kind, alpha, beta);
    }

    /** Parses what {@link #toString()} prints: a name, with its one or two parameters in parentheses if it has them. */
    public static Activation parse(String text) {
        int open = text.indexOf('(');
        String name = open < 0 ? text : text.substring(0, open);
        Kind kind;
        try {
            kind = Kind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown activation '" + text + "'");
        }
        if (open < 0) {
            return of(kind);
        }
        if (!text.endsWith(")")) {
            throw new IllegalArgumentException("malformed activation '" + text + "'");
        }
        String[] params = text.substring(open + 1, text.length() - 1).split(",");
        if (params.length > 2) {
            throw new IllegalArgumentException("malformed activation '" + text + "'");
        }
        double alpha = Double.parseDouble(params[0].trim());
        return params.length == 1 ? of(kind, alpha) : of(kind, alpha, Double.parseDouble(params[1].trim()));
    }

    public Kind kind() {
        return kind;
    }

    public double alpha() {
        return alpha;
    }

    /**
     * The second parameter: the offset of HARD_SIGMOID and AFFINE, the input scale of SCALED_TANH, the bias of SHRINK, the
     * upper bound of CLIP; else 0.
     */
    public double beta() {
        return beta;
    }

    /** The last-axis width of the result for rows of {@code width}: half for GLU, unchanged otherwise. */
    public int outputWidth(int width) {
        if (kind != Kind.GLU) {
            return width;
        }
        if (width % 2 != 0) {
            throw new IllegalArgumentException("glu needs an even last dimension, got " + width);
        }
        return width / 2;
    }

    /**
     * Applies the function to {@code rows} rows of {@code width} values at {@code src[srcOff]}, writing rows
     * of {@link #outputWidth} values to {@code dst[dstOff]}. The two ranges may be the same only when the
     * width does not change.
     */
    public void apply(float[] src, int srcOff, float[] dst, int dstOff, int rows, int width) {
        if (kind == Kind.GLU) {
            int half = width / 2;
            for (int r = 0; r < rows; r++) {
                int in = srcOff + r * width;
                int out = dstOff + r * half;
                for (int j = 0; j < half; j++) {
                    dst[out + j] = src[in + j] * sigmoid(src[in + half + j]);
                }
            }
            return;
        }
        if (src != dst || srcOff != dstOff) {
            System.arraycopy(src, srcOff, dst, dstOff, rows * width);
        }
        apply(dst, dstOff, rows * width, width);
    }

    /** Whether the function reads a whole row of the last axis (softmax, log_softmax, sparsemax, glu), not each value alone. */
    public boolean isRowWise() {
        return kind == Kind.SOFTMAX || kind == Kind.LOG_SOFTMAX || kind == Kind.SPARSEMAX || kind == Kind.GLU;
    }

    /** The identity function. */
    public boolean isLinear() {
        return kind == Kind.LINEAR;
    }

    /**
     * Applies the function to {@code x[offset, offset+length)}; row-wise functions treat that range as
     * rows of {@code width} values.
     */
    public void apply(float[] x, int offset, int length, int width) {
        int end = offset + length;
        switch (kind) {
            case LINEAR:
                return;
            case SOFTMAX:
                for (int r = offset; r < end; r += width) {
                    softmax(x, r, width);
                }
                return;
            case LOG_SOFTMAX:
                for (int r = offset; r < end; r += width) {
                    logSoftmax(x, r, width);
                }
                return;
            case SPARSEMAX:
                for (int r = offset; r < end; r += width) {
                    sparsemax(x, r, width);
                }
                return;
            case GLU:
                throw new IllegalStateException("glu changes the width; use apply(src, srcOff, dst, dstOff, rows, width)");
            case TANH:
                for (int i = offset; i < end; i++) {
                    x[i] = (float) Math.tanh(x[i]);
                }
                return;
            case SIGMOID:
                for (int i = offset; i < end; i++) {
                    x[i] = sigmoid(x[i]);
                }
                return;
            default:
                for (int i = offset; i < end; i++) {
                    x[i] = apply(x[i]);
                }
        }
    }

    /** The element-wise value at {@code v}; not defined for row-wise functions. */
    public float apply(float v) {
        double x = v;
        switch (kind) {
            case LINEAR:
                return v;
            case RELU:
                return Math.max(v, 0f); // NaN stays NaN, as in TensorFlow and ONNX Runtime
            case RELU6:
                return Math.min(Math.max(v, 0f), 6f);
            case LEAKY_RELU:
                return v >= 0 ? v : (float) (alpha * x);
            case ELU:
                return v > 0 ? v : (float) (alpha * Math.expm1(x));
            case SELU:
                return (float) (SELU_SCALE * (v > 0 ? x : SELU_ALPHA * Math.expm1(x)));
            case SOFTPLUS:
                return (float) softplus(x);
            case SOFTSIGN:
                return (float) (x / (1 + Math.abs(x)));
            case SILU:
                return (float) (x / (1 + Math.exp(-x)));
            case GELU:
                return (float) (0.5 * x * Erf.erfc(-x / Math.sqrt(2)));
            case GELU_TANH:
                return (float) (0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));
            case TANH:
                return (float) Math.tanh(x);
            case SIGMOID:
                return sigmoid(v);
            case EXPONENTIAL:
                return (float) Math.exp(x);
            case HARD_SIGMOID:
                return (float) Math.min(Math.max(alpha * x + beta, 0), 1);
            case HARD_SILU:
                return (float) (x * Math.min(Math.max(x + 3, 0), 6) / 6);
            case MISH:
                return (float) (x * Math.tanh(softplus(x)));
            case CELU:
                return (float) (Math.max(x, 0) + alpha * Math.expm1(Math.min(x, 0) / alpha));
            case HARD_TANH:
                return Math.min(Math.max(v, -1f), 1f);
            case HARD_SHRINK:
                return Math.abs(x) > alpha ? v : 0f;
            case SOFT_SHRINK:
                return x > alpha ? (float) (x - alpha) : x < -alpha ? (float) (x + alpha) : 0f;
            case SHRINK:
                return x > alpha ? (float) (x - beta) : x < -alpha ? (float) (x + beta) : 0f;
            case CLIP:
                return Math.min(Math.max(v, (float) alpha), (float) beta);
            case TANH_SHRINK:
                return v - (float) Math.tanh(x); // in float32, as Keras: 0 where tanh(x) rounds to x
            case LOG_SIGMOID:
                return (float) -softplus(-x);
            case SPARSE_PLUS:
                return x <= -1 ? 0f : x < 1 ? (float) (0.25 * (x + 1) * (x + 1)) : v;
            case SPARSE_SIGMOID:
                return x <= -1 ? 0f : x >= 1 ? 1f : (float) (0.5 * (x + 1));
            case SQUAREPLUS: // in float32, as Keras: x² overflows past about 1.8e19, and cancels for large negative x
                return (v + (float) Math.sqrt(v * v + (float) alpha)) / 2;
            case AFFINE:
                return (float) (alpha * x + beta);
            case SCALED_TANH:
                return (float) (alpha * Math.tanh(beta * x));
            case THRESHOLDED_RELU:
                return x > alpha ? v : (float) beta;
            case ERF:
                return (float) (x < 0 ? Erf.erfc(-x) - 1 : 1 - Erf.erfc(x));
            case ERFINV: // TensorFlow's ndtri((x + 1) / 2) / sqrt(2) in float32: x + 1 rounds first (inf at 0.99999994)
                return (float) Erf.erfinv((double) (v + 1f) - 1);
            case SQRT:
                return (float) Math.sqrt(x);
            case ABS:
                return Math.abs(v);
            case LOG:
                return (float) Math.log(x);
            case RECIPROCAL:
                return 1f / v;
            case FLOOR:
                return (float) Math.floor(x);
            case CEIL:
                return (float) Math.ceil(x);
            case ROUND:
                return (float) Math.rint(x);
            case SIN:
                return (float) Math.sin(x);
            case COS:
                return (float) Math.cos(x);
            case TAN:
                return (float) Math.tan(x);
            case ATAN:
                return (float) Math.atan(x);
            case ASIN:
                return (float) Math.asin(x);
            case ACOS:
                return (float) Math.acos(x);
            case SINH:
                return (float) Math.sinh(x);
            case COSH:
                return (float) Math.cosh(x);
            case ASINH:
                return (float) asinh(x);
            case ACOSH:
                return (float) (x < 1 ? Double.NaN : Math.log1p(x - 1 + Math.sqrt((x - 1) * (x + 1))));
            case ATANH:
                return (float) (0.5 * Math.log1p(2 * x / (1 - x)));
            case LOG1P:
                return (float) Math.log1p(x);
            case EXPM1:
                return (float) Math.expm1(x);
            case LOG2: // log(x) / log(2) in float32, as Keras
                return (float) Math.log(x) / (float) Math.log(2);
            case LOG10:
                return (float) Math.log(x) / (float) Math.log(10);
            case EXP2:
                return (float) Math.pow(2, x);
            case RSQRT:
                return (float) (1 / Math.sqrt(x));
            case SIGN:
                return v > 0 ? 1f : v < 0 ? -1f : v == 0 ? 0f : v;
            case TRUNC:
                return (float) (x < 0 ? Math.ceil(x) : Math.floor(x));
            case IS_NAN:
                return v != v ? 1f : 0f;
            case IS_INF:
                return v == Float.NEGATIVE_INFINITY && alpha == 1 || v == Float.POSITIVE_INFINITY && beta == 1 ? 1f : 0f;
            case IS_FINITE:
                return Float.isFinite(v) ? 1f : 0f;
            case ERFC:
                return (float) Erf.erfc(x);
            case SIGNBIT:
                return Float.floatToRawIntBits(v) < 0 ? 1f : 0f;
            case BESSEL_I0:
                return (float) besselI0(x);
            default:
                throw new IllegalStateException(kind + " is applied along an axis, not per element");
        }
    }

    /** The logistic function {@code 1 / (1 + exp(-v))}. */
    public static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-(double) v)));
    }

    /** {@code log(x + sqrt(x² + 1))}, odd, without cancellation for negative x or overflow of x² for large x. */
    private static double asinh(double x) {
        double a = Math.abs(x);
        double r = a > 1e8 ? Math.log(a) + Math.log(2) : Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
        return Math.copySign(r, x);
    }

    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    private static void softmax(float[] x, int from, int width) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < from + width; i++) {
            max = Math.max(max, x[i]);
        }
        double sum = 0;
        for (int i = from; i < from + width; i++) {
            double e = Math.exp(x[i] - max);
            x[i] = (float) e;
            sum += e;
        }
        for (int i = from; i < from + width; i++) {
            x[i] = (float) (x[i] / sum);
        }
    }

    private static void logSoftmax(float[] x, int from, int width) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < from + width; i++) {
            max = Math.max(max, x[i]);
        }
        double sum = 0;
        for (int i = from; i < from + width; i++) {
            sum += Math.exp(x[i] - max);
        }
        double log = Math.log(sum);
        for (int i = from; i < from + width; i++) {
            x[i] = (float) (x[i] - max - log);
        }
    }

    /**
     * The sorted copy of a row for {@link #sparsemax}, per thread and kept, so that a steady stream of calls allocates
     * nothing (an activation is applied without scratch of the caller's).
     */
    private static final ThreadLocal<float[]> SORTED_ROW = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * Sparsemax as Keras 3's TensorFlow backend computes it: sort descending, support where
     * {@code z_i - (cumsum_i - 1)/i > 0}, and {@code tau = (sum of cumsum_i over the support - 1) / k}. A row holding NaN
     * gives TensorFlow's result where the NaN comes first; elsewhere TensorFlow's depends on where its sort puts the NaN.
     */
    private static void sparsemax(float[] x, int from, int width) {
        float[] sorted = SORTED_ROW.get();
        if (sorted.length < width) {
            sorted = new float[width];
            SORTED_ROW.set(sorted);
        }
        System.arraycopy(x, from, sorted, 0, width);
        java.util.Arrays.sort(sorted, 0, width);
        double cumsum = 0;
        double supportSum = 0;
        int k = 0;
        for (int i = 0; i < width; i++) {
            double z = sorted[width - 1 - i];
            cumsum += z;
            if (z - (cumsum - 1) / (i + 1) > 0) {
                k++;
                supportSum += cumsum;
            }
        }
        double tau = (supportSum - 1) / k;
        for (int i = from; i < from + width; i++) {
            x[i] = (float) Math.max(x[i] - tau, 0);
        }
    }

    @Override
    public String toString() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        switch (kind) {
            case LEAKY_RELU:
            case ELU:
            case CELU:
            case HARD_SHRINK:
            case SOFT_SHRINK:
            case SQUAREPLUS:
                return name + "(" + alpha + ")";
            case THRESHOLDED_RELU:
                return beta == 0 ? name + "(" + alpha + ")" : name + "(" + alpha + ", " + beta + ")";
            case IS_INF:
                return alpha == 1 && beta == 1 ? name : name + "(" + alpha + ", " + beta + ")";
            case HARD_SIGMOID:
                return beta == 0.5 ? name + "(" + alpha + ")" : name + "(" + alpha + ", " + beta + ")";
            case AFFINE:
            case SCALED_TANH:
            case SHRINK:
            case CLIP:
                return name + "(" + alpha + ", " + beta + ")";
            default:
                return name;
        }
    }

    /**
     * I0(x) by its power series, whose terms are all positive (so no cancellation): the sum stops where a term no longer
     * changes it; infinite beyond about |x| = 713, where double overflows (float32 does past about 91.9).
     */
    private static double besselI0(double x) {
        if (!(Math.abs(x) < 800)) {
            return x != x ? Double.NaN : Double.POSITIVE_INFINITY;
        }
        double quarter = x * x / 4;
        double term = 1;
        double sum = 1;
        for (int k = 1; sum + term != sum; k++) {
            term *= quarter / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}
