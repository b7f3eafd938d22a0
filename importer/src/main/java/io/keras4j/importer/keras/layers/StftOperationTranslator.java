package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Fft;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Pad;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.stft(x, sequence_length, sequence_stride, fft_length, window, center)} as its TensorFlow
 * backend computes it: with {@code center} the last axis reflect-padded by {@code fft_length / 2} on both sides, frames
 * of {@code fft_length} every {@code sequence_stride} ({@link ExtractSequencesTranslator#frames}), each times the
 * periodic hann or hamming window of {@code sequence_length} centred in {@code fft_length} (or none), then the
 * {@code fft_length / 2 + 1} bins of its real transform ({@link Fft}): (real, imaginary) parts of shape
 * {@code (..., frames, bins)}.
 */
final class StftOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        Framing framing = Framing.of(config);
        KTensor x = OperationArguments.single(config, t);
        if (x == null || framing == null) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        int rank = shape.length;
        int n = rank < 2 ? -1 : shape[rank - 1];
        int pad = framing.center ? framing.fftLength / 2 : 0;
        if (n < 0 || (framing.center ? n <= pad : n < framing.fftLength)) {
            config.problem("takes frames of " + framing.fftLength + " values from the last axis of an input of "
                    + GeneralConfig.shapeText(shape) + "; keras4j needs rank 2 or more and the axis's length, known at"
                    + " import, " + (framing.center ? "above fft_length / 2 (reflect padding)" : "at least fft_length"));
            return List.of(t.unavailable());
        }
        String v = x.value();
        if (pad > 0) {
            int[] pads = new int[2 * rank];
            pads[rank - 1] = pad;
            pads[2 * rank - 1] = pad;
            v = GeneralConfig.emit(t, new Pad(pads, 0f, Pad.Mode.REFLECT), v);
        }
        v = ExtractSequencesTranslator.frames(t, v, rank - 1, n + 2 * pad, framing.fftLength, framing.stride);
        if (framing.window != null) {
            v = GeneralConfig.elementwise(t, Elementwise.Kind.MUL, v,
                    GeneralConfig.constant(t, framing.window, new int[] {framing.fftLength}));
        }
        return t.emit(new Fft(Fft.Kind.REAL_TO_COMPLEX, -1, false, framing.fftLength), List.of(v)).stream()
                .map(p -> new KTensor(p, null)).toList();
    }

    /**
     * The options Keras' stft and istft share: {@code sequence_length}, {@code sequence_stride}, {@code fft_length} (at
     * least sequence_length, at most {@link Fft#MAX_LENGTH}), {@code window} (hann, hamming or None: the periodic window
     * zero-padded to fft_length, or null) and {@code center}.
     */
    record Framing(int sequenceLength, int stride, int fftLength, float[] window, boolean center) {
        /** The options, or null after a problem. */
        static Framing of(LayerConfig config) {
            int length = config.positiveInt("sequence_length");
            int stride = config.positiveInt("sequence_stride");
            int fftLength = config.positiveInt("fft_length");
            boolean center = config.bool(true, "center");
            JsonNode window = config.raw("window");
            boolean named = window != null && window.isTextual()
                    && (window.asText().equals("hann") || window.asText().equals("hamming"));
            if (window != null && !window.isNull() && !named) {
                config.problem("option window=" + window + " is not supported (hann, hamming or None)");
            }
            if (fftLength < length || fftLength > Fft.MAX_LENGTH) {
                config.problem("option fft_length=" + fftLength + " is not supported (from sequence_length=" + length
                        + " to " + Fft.MAX_LENGTH + ")");
            }
            if (config.hasProblems()) {
                return null;
            }
            float[] w = MelSpectrogramTranslator.window(named ? window.asText() : null, length, fftLength);
            return new Framing(length, stride, fftLength, w, center);
        }
    }
}
