package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Dense;
import io.keras4j.runtime.ops.PowerToDb;
import io.keras4j.runtime.ops.Spectrogram;
import io.keras4j.runtime.ops.Transpose;
import java.util.List;

/**
 * Keras 3 MelSpectrogram as its TensorFlow backend computes it: a {@link Spectrogram} (reflect-padded frames of
 * {@code fft_length}, the periodic hann or hamming window of {@code sequence_length} centred in them, or none;
 * {@code |DFT|^mag_exp}), a {@link Dense} product with the {@link MelFilterBank} matrix, with {@code power_to_db} a
 * {@link PowerToDb}, then frames and bins swapped: output {@code [batch, num_mel_bins, frames]}. The input is
 * {@code [batch, samples]}; custom window arrays are refused.
 */
final class MelSpectrogramTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int fftLength = config.positiveInt("fft_length");
        int stride = config.positiveInt("sequence_stride");
        JsonNode length = config.raw("sequence_length");
        int windowLength = length == null || length.isNull() ? fftLength : config.positiveInt("sequence_length");
        JsonNode windowOption = config.raw("window");
        String window = windowOption == null || windowOption.isNull() ? null : windowOption.asText();
        double rate = config.number(16000, "sampling_rate");
        int melBins = config.positiveInt("num_mel_bins");
        double minFreq = config.number(20, "min_freq");
        double maxFreq = config.number((long) (rate / 2), "max_freq");
        boolean db = config.bool(true, "power_to_db");
        double topDb = config.number(80, "top_db");
        double exponent = config.number(2, "mag_exp");
        double minPower = config.number(1e-10, "min_power");
        double refPower = config.number(1, "ref_power");
        for (String key : new String[] {"mag_exp", "top_db", "min_power", "ref_power"}) {
            JsonNode v = config.raw(key);
            if (v != null && v.isNull() && (db || key.equals("mag_exp"))) {
                config.problem("option " + key + "=None is not supported (Keras fails on it)");
            }
        }
        if (fftLength > Spectrogram.MAX_FFT_LENGTH) {
            config.problem("option fft_length=" + fftLength + " is larger than keras4j accepts (" + Spectrogram.MAX_FFT_LENGTH
                    + ")");
        } else if ((long) (fftLength / 2 + 1) * melBins > 1 << 24) {
            config.problem("option num_mel_bins=" + melBins + " with fft_length=" + fftLength + " makes a mel matrix larger"
                    + " than keras4j accepts (" + (1 << 24) + " values)");
        }
        if (windowLength > fftLength) {
            config.problem("option sequence_length=" + windowLength + " is not supported (at most fft_length="
                    + fftLength + ")");
        }
        if (window != null && !(windowOption.isTextual() && (window.equals("hann") || window.equals("hamming")))) {
            config.problem("option window=" + windowOption + " is not supported (hann, hamming or None)");
        }
        KTensor x = GeneralConfig.single(config, t, 2);
        if (x == null || config.hasProblems()) {
            return List.of(t.unavailable());
        }
        int bins = fftLength / 2 + 1;
        float[] mel = MelFilterBank.matrix(melBins, bins, (float) rate, (float) minFreq, (float) maxFreq);
        String y = t.emit(new Spectrogram(fftLength, stride, window(window, windowLength, fftLength), exponent),
                List.of(x.value())).get(0);
        y = t.emit(new Dense(bins, melBins, mel, null, Activation.of(Activation.Kind.LINEAR)), List.of(y)).get(0);
        if (db) {
            y = t.emit(new PowerToDb(minPower, refPower, topDb), List.of(y)).get(0);
        }
        return List.of(new KTensor(t.emit(new Transpose("Transpose", new int[] {0, 2, 1}), List.of(y)).get(0), null));
    }

    /**
     * {@code tf.signal.hann_window} or {@code hamming_window} of {@code length}, periodic, in float32 as TensorFlow
     * computes it ({@code a - b·cos(2π·n / N)}, N the length, or the length - 1 when it is odd), zero-padded to
     * {@code fftLength} as Keras' {@code stft} pads it; null for no window.
     */
    static float[] window(String kind, int length, int fftLength) {
        if (kind == null) {
            return null;
        }
        float a = kind.equals("hann") ? 0.5f : 0.54f;
        float b = kind.equals("hann") ? 0.5f : 0.46f;
        float n = length % 2 == 0 ? length : length - 1;
        float[] w = new float[fftLength];
        int left = (fftLength - length) / 2;
        for (int i = 0; i < length; i++) {
            w[left + i] = length == 1 ? 1f : a - b * (float) Math.cos((float) (2 * Math.PI) * i / n);
        }
        return w;
    }
}
