package io.keras4j.runtime.ops;

/**
 * The magnitude spectrogram of Keras' MelSpectrogram (its TensorFlow backend's {@code stft} with {@code center=True}):
 * each row of x {@code [batch, samples]} reflect-padded by {@code fftLength / 2} on both sides, cut into frames of
 * {@code fftLength} every {@code stride} samples, each frame times {@code window}, then
 * {@code |DFT(frame)[k]|^exponent} for the {@code fftLength / 2 + 1} bins k: output {@code [batch, frames, bins]}.
 * The windowed frame is rounded to float as TensorFlow's is; the DFT is computed in double ({@link DoubleDft}). Each
 * thread keeps its own double buffers, made on its first call.
 */
public final class Spectrogram implements Op {
    /** The longest frame accepted (longer ones would make the tables, and a direct DFT's time, absurd). */
    public static final int MAX_FFT_LENGTH = 1 << 16;

    private final int fftLength;
    private final int stride;
    private final float[] window;
    private final double exponent;
    private final DoubleDft dft;
    /** Each thread's real and imaginary parts of a frame's transform, then the frame's: {@code [4·fftLength]}. */
    private final ThreadLocal<double[]> buffers;

    /**
     * @param window   {@code [fftLength]} (a shorter window already padded with zeros, as Keras pads it), or null for none
     * @param exponent the power of the magnitude
     */
    public Spectrogram(int fftLength, int stride, float[] window, double exponent) {
        if (fftLength < 1 || fftLength > MAX_FFT_LENGTH || stride < 1) {
            throw new IllegalArgumentException("fftLength " + fftLength + " must be in [1, " + MAX_FFT_LENGTH
                    + "] and stride " + stride + " positive");
        }
        if (window != null) {
            Weights.check("window", window, fftLength);
        }
        this.fftLength = fftLength;
        this.stride = stride;
        this.window = window == null ? null : window.clone();
        this.exponent = exponent;
        dft = new DoubleDft(fftLength);
        buffers = ThreadLocal.withInitial(() -> new double[4 * fftLength]);
    }

    @Override
    public String type() {
        return "Spectrogram";
    }

    @Override
    public OpSpec spec() {
        OpSpec.Builder b = OpSpec.builder(type()).attr("fftLength", fftLength).attr("stride", stride)
                .attr("exponent", exponent);
        if (window != null) {
            b.weight("window", window, fftLength);
        }
        return b.build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Spectrogram fromSpec(OpSpec s) {
        return new Spectrogram(s.intAttr("fftLength"), s.intAttr("stride"), s.weight("window"), s.doubleAttr("exponent"));
    }

    @Override
    public long parameterCount() {
        return window == null ? 0 : fftLength;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        Inputs.rank(x, 2, "input");
        if (x[1] < 0) {
            return new int[][] {{x[0], -1, fftLength / 2 + 1}};
        }
        if (x[1] <= fftLength / 2) {
            throw new IllegalArgumentException("the input has " + x[1] + " samples; reflect padding by " + fftLength / 2
                    + " needs more");
        }
        return new int[][] {{x[0], 1 + (x[1] + 2 * (fftLength / 2) - fftLength) / stride, fftLength / 2 + 1}};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        int samples = inputShapes[0][1];
        int pad = fftLength / 2;
        int bins = fftLength / 2 + 1;
        int frames = 1 + (samples + 2 * pad - fftLength) / stride;
        double[] frame = buffers.get();
        float[] y = outputs[0];
        for (int b = 0; b < inputShapes[0][0]; b++) {
            for (int f = 0; f < frames; f++) {
                for (int j = 0; j < fftLength; j++) {
                    float v = x[b * samples + reflect(f * stride + j - pad, samples)];
                    frame[2 * fftLength + j] = window == null ? v : v * window[j];
                }
                dft.transform(frame, false, bins);
                for (int k = 0; k < bins; k++) {
                    double re = frame[k];
                    double im = frame[fftLength + k];
                    y[(b * frames + f) * bins + k] = (float) Math.pow(Math.sqrt(re * re + im * im), exponent);
                }
            }
        }
    }

    /** The sample a padded position reads: reflection about the first and last sample (which are not repeated). */
    private static int reflect(int i, int samples) {
        if (i < 0) {
            return -i;
        }
        return i < samples ? i : 2 * (samples - 1) - i;
    }
}
