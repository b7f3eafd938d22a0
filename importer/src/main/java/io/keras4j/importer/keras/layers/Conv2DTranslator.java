package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.Activations;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Conv1D;
import io.keras4j.runtime.ops.Conv2D;
import java.util.List;

/**
 * Keras Conv2D: filters, kernel_size, strides, padding valid/same, dilation_rate, groups, use_bias, activation, and
 * data_format (channels_first runs channels-last between two Transposes). Conv2D does not support masking: an incoming
 * mask is dropped, as Keras does.
 */
final class Conv2DTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int filters = config.positiveInt("filters");
        int[] kernelSize = GeneralConfig.sizes(config, "kernel_size", 2, -1);
        int[] strides = GeneralConfig.sizes(config, "strides", 2, 1);
        int[] dilations = GeneralConfig.sizes(config, "dilation_rate", 2, 1);
        int groups = GeneralConfig.intOrTuple(config, 1, "groups");
        Conv1D.Padding padding = Conv1DTranslator.padding(config, false);
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        Activation activation = Activations.read(config, t.version(), "linear", "activation");
        boolean useBias = config.bool(true, "use_bias");
        Conv1DTranslator.ignoreTrainingOptions(config);
        GeneralConfig.stridedAndDilated(config, strides, dilations);
        KTensor x = GeneralConfig.single(config, t);
        int in = x == null ? -1 : inputChannels(config, t, x, channelsFirst);
        if (in <= 0 || kernelSize == null || strides == null || dilations == null) {
            return List.of(t.unavailable());
        }
        float[][] weights = Conv1DTranslator.kernelAndBias(config, t, kernelSize, in, filters, groups, useBias);
        if (weights == null) {
            return List.of(t.unavailable());
        }
        return channelsLast(t, x, channelsFirst,
                new Conv2D(in, filters, kernelSize, strides, dilations, padding, null, groups, weights[0], weights[1], activation));
    }

    /**
     * The channels of x, a {@code (batch, rows, cols, channels)} input (channels on axis 1 with {@code channelsFirst}) with
     * known channels; -1 after recording a problem.
     */
    static int inputChannels(LayerConfig config, Translation t, KTensor x, boolean channelsFirst) {
        int[] shape = t.shape(x.value());
        int channels = shape.length == 4 ? shape[channelsFirst ? 1 : 3] : -1;
        if (channels <= 0) {
            config.problem("expects input of shape " + (channelsFirst ? "(batch, channels, rows, cols)" : "(batch, rows, cols, channels)")
                    + " with known channels, got " + GeneralConfig.shapeText(shape));
        }
        return channels;
    }

    /** Emits {@code op}, which takes and gives channels last, on x; between two Transposes where x has channels first. */
    static List<KTensor> channelsLast(Translation t, KTensor x, boolean channelsFirst, io.keras4j.runtime.ops.Op op) {
        String in = GeneralConfig.moveChannels(t, x.value(), channelsFirst, 1, 2, true);
        String out = t.emit(op, List.of(in)).get(0);
        return List.of(new KTensor(GeneralConfig.moveChannels(t, out, channelsFirst, 1, 2, false), null));
    }
}
