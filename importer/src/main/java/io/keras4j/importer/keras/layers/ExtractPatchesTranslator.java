package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Convolution;
import io.keras4j.runtime.ops.Padding;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Keras 3 {@code keras.ops.image.extract_patches(images, size, strides, dilation_rate, padding, data_format)} on a
 * batch of images or, where {@code size} holds three sizes, of volumes, as Keras computes it: a 2-D (3-D) convolution
 * whose kernel is the identity over each patch's {@code (depth ·) rows · cols · channels} values, so each output
 * position holds its patch row-major. {@code size} one int or two (three), {@code strides} (the size by default),
 * {@code dilation_rate}, {@code padding} valid or same, {@code data_format}.
 */
final class ExtractPatchesTranslator implements LayerTranslator {
    /** The most values per patch: the identity kernel holds their square (64 MiB at this bound). */
    private static final int MAX_VALUES = 4096;

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        JsonNode raw = config.raw("size");
        int rank = raw != null && raw.isArray() && raw.size() == 3 ? 3 : 2;
        int[] size = GeneralConfig.sizes(config, "size", rank, -1);
        int[] strides = GeneralConfig.sizes(config, "strides", rank, -1);
        int[] dilations = GeneralConfig.sizes(config, "dilation_rate", rank, 1);
        Padding padding = Conv1DTranslator.padding(config, false);
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        GeneralConfig.stridedAndDilated(config, strides, dilations);
        KTensor x = OperationArguments.single(config, t);
        int in = x == null ? -1 : ConvTranslator.inputChannels(config, t, x, channelsFirst, rank);
        if (in <= 0 || size == null || strides == null || dilations == null || config.hasProblems()) {
            return List.of(t.unavailable());
        }
        long values = (long) in * Arrays.stream(size).asLongStream().reduce(1, Math::multiplyExact);
        if (values > MAX_VALUES) {
            config.problem("takes patches of " + values + " values (" + Arrays.stream(size).mapToObj(String::valueOf)
                    .collect(Collectors.joining(" x ")) + " x " + in + " channels), more than keras4j accepts ("
                    + MAX_VALUES + ": its kernel holds the square)");
            return List.of(t.unavailable());
        }
        int n = (int) values;
        float[] identity = new float[n * n];
        for (int i = 0; i < n; i++) {
            identity[i * n + i] = 1f;
        }
        return ConvTranslator.channelsLast(t, x, channelsFirst, rank, new Convolution(in, n, size, strides, dilations,
                padding, null, 1, false, identity, null, Activation.of(Activation.Kind.LINEAR)));
    }
}
