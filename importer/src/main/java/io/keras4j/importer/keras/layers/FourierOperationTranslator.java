package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Fft;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.fft((re, im))}, {@code fft2((re, im))}, {@code ifft2((re, im))}, {@code rfft(x, fft_length)}
 * and {@code irfft((re, im), fft_length)}, as Keras' TensorFlow backend computes them (tf.signal's transforms of the
 * last axis, fft2 and ifft2 of the last two): complex values as a pair of tensors of one shape, their real and imaginary
 * parts, given and returned. The transformed axes are never the batch axis.
 */
final class FourierOperationTranslator implements LayerTranslator {
    /** Which operation. */
    enum Form { FFT, FFT2, IFFT2, RFFT, IRFFT }

    private final Form form;

    FourierOperationTranslator(Form form) {
        this.form = form;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int length = form == Form.RFFT || form == Form.IRFFT ? fftLength(config) : -1;
        List<String> parts = form == Form.RFFT ? real(config, t) : complex(config, t);
        int axes = form == Form.FFT2 || form == Form.IFFT2 ? 2 : 1;
        if (parts == null || length == 0) {
            return List.of(t.unavailable());
        }
        if (t.shape(parts.get(0)).length <= axes) {
            config.problem("takes tensors of shape " + GeneralConfig.shapeText(t.shape(parts.get(0))) + "; keras4j needs"
                    + " rank " + (axes + 1) + " or more (the batch axis is never transformed)");
            return List.of(t.unavailable());
        }
        Fft.Kind kind = form == Form.RFFT ? Fft.Kind.REAL_TO_COMPLEX
                : form == Form.IRFFT ? Fft.Kind.COMPLEX_TO_REAL : Fft.Kind.COMPLEX;
        for (int axis = -1; axis >= -axes; axis--) {
            parts = t.emit(new Fft(kind, axis, form == Form.IFFT2, length), parts);
        }
        return parts.stream().map(v -> new KTensor(v, null)).toList();
    }

    /** Option fft_length: a positive int up to {@link Fft#MAX_LENGTH}, or -1 for None; 0 after a problem. */
    private static int fftLength(LayerConfig config) {
        JsonNode v = config.raw("fft_length");
        if (v == null || v.isNull()) {
            return -1;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 1 || v.intValue() > Fft.MAX_LENGTH) {
            config.problem("option fft_length=" + v + " is not supported (None or an int from 1 to " + Fft.MAX_LENGTH
                    + ")");
            return 0;
        }
        return v.intValue();
    }

    /** The real signal rfft is given, or null after a problem. */
    private static List<String> real(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        return x == null ? null : List.of(x.value());
    }

    /** The real and imaginary parts the operation is given as one pair of tensors of one shape, or null after a problem. */
    private static List<String> complex(LayerConfig config, Translation t) {
        JsonNode args = t.positionalArguments();
        JsonNode pair = args.path(0);
        List<KTensor> in = t.inputs();
        if (!args.isArray() || args.size() != 1 || !pair.isArray() || pair.size() != 2 || in.size() != 2
                || !OperationArguments.isTensor(pair.get(0)) || !OperationArguments.isTensor(pair.get(1))) {
            config.problem("expects one pair of tensors (real and imaginary parts) as its positional argument, got "
                    + OperationArguments.quote(args));
            return null;
        }
        int[] re = t.shape(in.get(0).value());
        int[] im = t.shape(in.get(1).value());
        if (!java.util.Arrays.equals(re, im)) {
            config.problem("is given real parts of shape " + GeneralConfig.shapeText(re) + " and imaginary parts of shape "
                    + GeneralConfig.shapeText(im) + "; Keras requires one shape");
            return null;
        }
        return List.of(in.get(0).value(), in.get(1).value());
    }
}
