package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Convolution;
import io.keras4j.runtime.ops.Padding;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.image.extract_patches(images, size, strides, dilation_rate, padding, data_format)} on a
 * batch of images, as Keras computes it: a 2-D convolution whose kernel is the identity over each patch's
 * {@code rows · cols · channels} values, so each output position holds its patch row-major (rows, columns, channels).
 * {@code size} one int or two (3-D patches refused), {@code strides} (the size by default), {@code dilation_rate},
 * {@code padding} valid or same, {@code data_format}.
 */
final class ExtractPatchesTranslator implements LayerTranslator {
    /** The most values per patch: the identity kernel holds their square (64 MiB at this bound). */
    private static final int MAX_VALUES = 4096;

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int[] size = GeneralConfig.sizes(config, "size", 2, -1);
        int[] strides = GeneralConfig.sizes(config, "strides", 2, -1);
        int[] dilations = GeneralConfig.sizes(config, "dilation_rate", 2, 1);
        Padding padding = Conv1DTranslator.padding(config, false);
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        GeneralConfig.stridedAndDilated(config, strides, dilations);
        KTensor x = OperationArguments.single(config, t);
        int in = x == null ? -1 : ConvTranslator.inputChannels(config, t, x, channelsFirst, 2);
        if (in <= 0 || size == null || strides == null || dilations == null || config.hasProblems()) {
            return List.of(t.unavailable());
        }
        long values = (long) size[0] * size[1] * in;
        if (values > MAX_VALUES) {
            config.problem("takes patches of " + values + " values (" + size[0] + " x " + size[1] + " x " + in
                    + " channels), more than keras4j accepts (" + MAX_VALUES + ": its kernel holds the square)");
            return List.of(t.unavailable());
        }
        int n = (int) values;
        float[] identity = new float[n * n];
        for (int i = 0; i < n; i++) {
            identity[i * n + i] = 1f;
        }
        return ConvTranslator.channelsLast(t, x, channelsFirst, 2, new Convolution(in, n, size, strides, dilations,
                padding, null, 1, false, identity, null, Activation.of(Activation.Kind.LINEAR)));
    }
}
