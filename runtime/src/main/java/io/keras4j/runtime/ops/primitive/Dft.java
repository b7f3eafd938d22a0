package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX DFT: the discrete Fourier transform along {@code axis} of x {@code [batch, ..., n, ..., 1 or 2]} (a real signal,
 * or a complex one as real and imaginary parts), of {@code length} (the axis' size when -1; a shorter signal padded
 * with zeros, a longer one cut), the first {@code length / 2 + 1} bins when {@code onesided}, divided by the length
 * when {@code inverse}: output as x with that axis the bins and the last axis 2 (real, imaginary). Computed as ONNX
 * Runtime computes it, in float32 ({@link FloatDft}).
 */
public final class Dft implements Op {
    /** The longest transform accepted (its tables take some 32 floats per sample). */
    public static final int MAX_LENGTH = 1 << 20;

    private final int axis;
    private final int length;
    private final boolean inverse;
    private final boolean onesided;
    /** The transform for the last length seen, made on first use (the axis' size is known only then). */
    private volatile FloatDft transform;

    /**
     * @param axis   the signal axis, negative counting from the end (the last axis holds the parts)
     * @param length the transform's length, or -1 for the axis' size
     */
    public Dft(int axis, int length, boolean inverse, boolean onesided) {
        if (length == 0 || length < -1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("dft_length " + length + " must be in [1, " + MAX_LENGTH + "]");
        }
        this.axis = axis;
        this.length = length;
        this.inverse = inverse;
        this.onesided = onesided;
        this.transform = length > 0 ? new FloatDft(length, inverse) : null;
    }

    @Override
    public String type() {
        return "DFT";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("axis", axis).attr("length", length).attr("inverse", inverse)
                .attr("onesided", onesided).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Dft fromSpec(OpSpec s) {
        return new Dft(s.intAttr("axis"), s.intAttr("length"), s.boolAttr("inverse"), s.boolAttr("onesided"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        int[] x = in[0];
        int a = signalAxis(x);
        int n = length > 0 ? length : x[a];
        if (n == 0 || n > MAX_LENGTH) {
            throw new IllegalArgumentException("the signal axis " + a + " has " + n + " samples; the transform's length"
                    + " must be in [1, " + MAX_LENGTH + "]");
        }
        if (onesided && x[x.length - 1] == 2) {
            throw new IllegalArgumentException("a onesided transform needs a real input (last axis 1), got a complex one");
        }
        int[] y = x.clone();
        y[a] = n < 0 ? -1 : onesided ? n / 2 + 1 : n;
        y[y.length - 1] = 2;
        return new int[][] {y};
    }

    /** The signal axis of x, checked: not the last one, which must hold 1 or 2 parts. */
    private int signalAxis(int[] x) {
        if (x.length < 3) {
            throw new IllegalArgumentException("the input must be [batch, ..., samples, ..., 1 or 2], got rank " + x.length);
        }
        if (x[x.length - 1] != 1 && x[x.length - 1] != 2 && x[x.length - 1] >= 0) {
            throw new IllegalArgumentException("the input's last axis must be 1 (real) or 2 (real, imaginary), got "
                    + x[x.length - 1]);
        }
        int a = Dims.axis(axis, x.length, "axis");
        if (a == x.length - 1) {
            throw new IllegalArgumentException("axis " + axis + " is the axis of real and imaginary parts");
        }
        return a;
    }

    @Override
    public int scratchSize(int[][] in) {
        int n = length > 0 ? length : in[0][signalAxis(in[0])];
        return FloatDft.scratchSize(n);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        int a = signalAxis(x);
        int samples = x[a];
        FloatDft dft = transform;
        if (dft == null || dft.length() != samples && length < 0) {
            dft = new FloatDft(samples, inverse);
            transform = dft;
        }
        int n = dft.length();
        int bins = onesided ? n / 2 + 1 : n;
        int parts = x[x.length - 1];
        int outer = Shapes.product(x, 0, a);
        int inner = Shapes.product(x, a + 1, x.length - 1);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                dft.transform(inputs[0], (o * samples * inner + i) * parts, inner * parts, parts == 2, samples, null,
                        outputs[0], (o * bins * inner + i) * 2, inner * 2, bins, scratch);
            }
        }
    }
}
