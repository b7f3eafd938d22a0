package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;

/**
 * The discrete Fourier transform along one axis of Keras' {@code fft}, {@code rfft} and {@code irfft} (and, twice,
 * {@code fft2} and {@code ifft2}), complex values given as two tensors, real and imaginary parts, of one shape:
 * <ul>
 * <li>{@link Kind#COMPLEX}: (re, im) to (re, im), {@code X[k] = Σ x[j]·e^(∓2πi·jk/n)} over the axis' n values, the
 * inverse ({@code +}) divided by n;</li>
 * <li>{@link Kind#REAL_TO_COMPLEX}: x to (re, im) of the first {@code n / 2 + 1} bins, x cut or padded with zeros to n
 * ({@code length}, or the axis' size when -1);</li>
 * <li>{@link Kind#COMPLEX_TO_REAL}: (re, im) of bins to the n real values of the inverse transform of the Hermitian
 * spectrum they start ({@code X[n - k] = conj(X[k])}; bins beyond {@code n / 2} ignored, missing ones 0; the imaginary
 * parts of bin 0 and, for an even n, bin n / 2 do not count), n {@code length}, or {@code 2·(bins - 1)} when -1.</li>
 * </ul>
 * Computed in double ({@link DoubleDft}) and rounded to float once.
 */
public final class Fft implements Op {
    /** What the transform takes and gives. */
    public enum Kind { COMPLEX, REAL_TO_COMPLEX, COMPLEX_TO_REAL }

    /** The longest transform accepted (longer ones would make the tables, and a direct DFT's time, absurd). */
    public static final int MAX_LENGTH = 1 << 16;

    private final Kind kind;
    private final int axis;
    private final boolean inverse;
    private final int length;
    /** The transform for the last length seen, made on first use (the axis' size may be known only then). */
    private volatile DoubleDft dft;
    /** Each thread's signal and transform, {@code [4n]}. */
    private final DoubleScratch buffers = new DoubleScratch();

    /**
     * @param axis    the signal's axis, negative counting from the end
     * @param inverse the inverse transform (COMPLEX only; the others are rfft's forward and irfft's inverse one)
     * @param length  n (REAL_TO_COMPLEX and COMPLEX_TO_REAL), or -1 for the default
     */
    public Fft(Kind kind, int axis, boolean inverse, int length) {
        if (length == 0 || length < -1 || length > MAX_LENGTH || length > 0 && kind == Kind.COMPLEX) {
            throw new IllegalArgumentException("length " + length + " must be -1 or, for a real transform, in [1, "
                    + MAX_LENGTH + "]");
        }
        if (inverse && kind != Kind.COMPLEX) {
            throw new IllegalArgumentException("inverse is an option of the complex transform only");
        }
        this.kind = kind;
        this.axis = axis;
        this.inverse = inverse || kind == Kind.COMPLEX_TO_REAL;
        this.length = length;
    }

    @Override
    public String type() {
        return "Fft";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("kind", kind.name()).attr("axis", axis)
                .attr("inverse", inverse && kind == Kind.COMPLEX).attr("length", length).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Fft fromSpec(OpSpec s) {
        return new Fft(s.enumAttr("kind", Kind.class), s.intAttr("axis"), s.boolAttr("inverse"), s.intAttr("length"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int count = kind == Kind.REAL_TO_COMPLEX ? 1 : 2;
        if (in.length != count) {
            throw new IllegalArgumentException(type() + " " + kind + " takes " + count + " input(s), got " + in.length);
        }
        if (count == 2) {
            Inputs.same(in[1], in[0], "the imaginary parts");
        }
        int a = signalAxis(in[0]);
        int[] y = in[0].clone();
        int n = length(in[0][a]);
        y[a] = n < 0 ? -1 : kind == Kind.REAL_TO_COMPLEX ? n / 2 + 1 : n;
        return kind == Kind.COMPLEX_TO_REAL ? new int[][] {y} : new int[][] {y, y.clone()};
    }

    private int signalAxis(int[] x) {
        if (axis < -x.length || axis >= x.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + x.length);
        }
        return axis < 0 ? axis + x.length : axis;
    }

    /** The transform's length for a signal axis of {@code size} values (or bins); -1 where unknown. */
    private int length(int size) {
        int n = length > 0 ? length : size < 0 ? -1 : kind == Kind.COMPLEX_TO_REAL ? 2 * (size - 1) : size;
        if (n == 0 || n < -1 || n > MAX_LENGTH) {
            throw new IllegalArgumentException("the signal axis has " + size + " values; the transform's length " + n
                    + " must be in [1, " + MAX_LENGTH + "]");
        }
        return n;
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        int a = signalAxis(x);
        int size = x[a];
        int n = length(size);
        DoubleDft transform = dft;
        if (transform == null || transform.length() != n) {
            transform = new DoubleDft(n);
            dft = transform;
        }
        double[] z = buffers.get(4 * n);
        int outSize = kind == Kind.REAL_TO_COMPLEX ? n / 2 + 1 : n;
        int inner = Shapes.product(x, a + 1, x.length);
        int outer = Shapes.product(x, 0, a);
        double scale = inverse ? 1.0 / n : 1;
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int from = o * size * inner + i;
                load(inputs, from, inner, size, n, z);
                transform.transform(z, inverse, outSize);
                int to = o * outSize * inner + i;
                for (int k = 0; k < outSize; k++) {
                    outputs[0][to + k * inner] = (float) (z[k] * scale);
                    if (outputs.length > 1) {
                        outputs[1][to + k * inner] = (float) (z[n + k] * scale);
                    }
                }
            }
        }
    }

    /**
     * Loads one signal, {@code size} values (or bins) read at {@code from + j·stride}, into {@code z[2n, 4n)} as
     * {@link DoubleDft#transform} reads it: cut or padded with zeros to n, or, for COMPLEX_TO_REAL, completed to the
     * Hermitian spectrum.
     */
    private void load(float[][] inputs, int from, int stride, int size, int n, double[] z) {
        boolean complex = kind != Kind.REAL_TO_COMPLEX;
        int kept = kind == Kind.COMPLEX_TO_REAL ? Math.min(size, n / 2 + 1) : Math.min(size, n);
        for (int j = 0; j < n; j++) {
            z[2 * n + j] = j < kept ? inputs[0][from + j * stride] : 0;
            z[3 * n + j] = j < kept && complex ? inputs[1][from + j * stride] : 0;
        }
        if (kind == Kind.COMPLEX_TO_REAL) {
            for (int k = n / 2 + 1; k < n; k++) {
                z[2 * n + k] = z[2 * n + n - k];
                z[3 * n + k] = -z[3 * n + n - k];
            }
        }
    }
}
