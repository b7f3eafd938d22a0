package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.Convolution;
import io.keras4j.runtime.ops.Reshape;
import io.keras4j.runtime.ops.Transpose;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;
import java.util.Set;

/**
 * Keras 3 STFTSpectrogram as Keras computes it: each input channel convolved (stride {@code frame_step}, padding valid
 * or same) with the layer's stored {@code real_kernel} and {@code imag_kernel} {@code [frame_length, 1, bins]} (the
 * window, its scaling and {@code periodic} only initialize them), as one grouped {@link Convolution} per kernel on
 * {@code [batch, time, channels]}, giving {@code [batch, frames, channels·bins]}; then by {@code mode}: real, imag,
 * stft (both, each channel's real bins then its imaginary ones), angle {@code atan2(imag, real)}, psd
 * {@code re² + im²} with the bins between the first and the last doubled, magnitude {@code sqrt(max(re² + im², ε))},
 * log {@code log(max(magnitude, ε))}, ε = 1e-7. {@code expand_dims} gives {@code [batch, frames, bins, channels]}.
 * channels_first is refused: Keras' TensorFlow backend cannot run it on a CPU.
 */
final class StftSpectrogramTranslator implements LayerTranslator {
    private static final Set<String> MODES = Set.of("log", "magnitude", "psd", "real", "imag", "angle", "stft");

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        String mode = config.string("log", "mode");
        int frameLength = config.positiveInt("frame_length");
        int step = config.raw("frame_step") == null || config.raw("frame_step").isNull() ? Math.max(1, frameLength / 2)
                : config.positiveInt("frame_step");
        config.ignore("fft_length", "window", "periodic", "scaling");
        io.keras4j.runtime.ops.Padding padding = Conv1DTranslator.padding(config, false);
        boolean expand = config.bool(false, "expand_dims");
        if (GeneralConfig.channelsFirst(config)) {
            config.problem("option data_format='channels_first' is not supported (Keras' TensorFlow backend cannot run it"
                    + " on a CPU)");
        }
        if (!MODES.contains(mode)) {
            config.problem("option mode='" + mode + "' is not supported (log, magnitude, psd, real, imag, angle or stft)");
        }
        KTensor x = GeneralConfig.single(config, t, 3);
        int channels = x == null ? -1 : t.shape(x.value())[2];
        if (x != null && channels <= 0) {
            config.problem("needs a known number of channels, got input " + GeneralConfig.shapeText(t.shape(x.value())));
        }
        if (config.hasProblems()) {
            return List.of(t.unavailable());
        }
        boolean real = !mode.equals("imag");
        boolean imag = !mode.equals("real");
        int parts = (real ? 1 : 0) + (imag ? 1 : 0);
        if (!LayerWeights.count(config, t.weights(), parts, real && imag ? "real_kernel, imag_kernel"
                : real ? "real_kernel" : "imag_kernel")) {
            return List.of(t.unavailable());
        }
        long[] weightShape = t.weights().get(0).shape();
        int bins = weightShape.length == 3 ? (int) weightShape[2] : -1;
        float[][] kernels = new float[parts][];
        for (int i = 0; i < parts; i++) {
            kernels[i] = LayerWeights.take(config, t.weights(), i, i == 0 && real ? "real_kernel" : "imag_kernel",
                    frameLength, 1, bins);
            if (kernels[i] == null) {
                return List.of(t.unavailable());
            }
        }
        String y;
        int perChannel = bins;
        if (mode.equals("stft")) {
            perChannel = 2 * bins;
            y = convolve(t, x.value(), channels, frameLength, step, padding, kernels);
        } else if (parts == 1) {
            y = convolve(t, x.value(), channels, frameLength, step, padding, kernels[0]);
        } else {
            String re = convolve(t, x.value(), channels, frameLength, step, padding, kernels[0]);
            String im = convolve(t, x.value(), channels, frameLength, step, padding, kernels[1]);
            y = mode.equals("angle") ? elementwise(t, Elementwise.Kind.ATAN2, im, re)
                    : combine(t, mode, re, im, channels, bins);
        }
        if (expand) {
            y = GeneralConfig.emit(t, new Reshape("Reshape", new int[] {-1, channels, perChannel}), y);
            y = GeneralConfig.emit(t, new Transpose("Transpose", new int[] {0, 1, 3, 2}), y);
        }
        return List.of(new KTensor(y, null));
    }

    /** psd, magnitude or log from the real and imaginary parts {@code [batch, frames, channels·bins]}. */
    private static String combine(Translation t, String mode, String re, String im, int channels, int bins) {
        String power = elementwise(t, Elementwise.Kind.ADD, elementwise(t, Elementwise.Kind.MUL, re, re),
                elementwise(t, Elementwise.Kind.MUL, im, im));
        if (mode.equals("psd")) {
            float[] twice = new float[channels * bins];
            for (int i = 0; i < twice.length; i++) {
                int bin = i % bins;
                twice[i] = bin == 0 || bin == bins - 1 ? 1 : 2;
            }
            return elementwise(t, Elementwise.Kind.MUL, power, GeneralConfig.constant(t, twice, new int[] {twice.length}));
        }
        String epsilon = GeneralConfig.constant(t, new float[] {(float) OperationArguments.KERAS_EPSILON}, new int[0]);
        String magnitude = GeneralConfig.emit(t, new ActivationOp(Activation.of(Activation.Kind.SQRT)),
                elementwise(t, Elementwise.Kind.MAX, power, epsilon));
        return mode.equals("magnitude") ? magnitude : GeneralConfig.emit(t,
                new ActivationOp(Activation.of(Activation.Kind.LOG)), elementwise(t, Elementwise.Kind.MAX, magnitude, epsilon));
    }

    private static String elementwise(Translation t, Elementwise.Kind kind, String a, String b) {
        return GeneralConfig.emit(t, new Elementwise(kind), a, b);
    }

    /**
     * Each of {@code channels} channels convolved with the given kernels {@code [frameLength][bins]} side by side (a
     * grouped convolution whose group c holds them): {@code [batch, frames, channels·(kernels·bins)]}.
     */
    private static String convolve(Translation t, String x, int channels, int frameLength, int step,
                                   io.keras4j.runtime.ops.Padding padding, float[]... kernels) {
        int bins = kernels[0].length / frameLength;
        int perChannel = kernels.length * bins;
        float[] grouped = new float[frameLength * channels * perChannel];
        for (int j = 0; j < frameLength; j++) {
            for (int c = 0; c < channels; c++) {
                for (int k = 0; k < kernels.length; k++) {
                    System.arraycopy(kernels[k], j * bins, grouped, (j * channels + c) * perChannel + k * bins, bins);
                }
            }
        }
        return GeneralConfig.emit(t, new Convolution(channels, channels * perChannel, new int[] {frameLength}, new int[] {step},
                new int[] {1}, padding, null, channels, false, grouped, null, Activation.of(Activation.Kind.LINEAR)), x);
    }
}
