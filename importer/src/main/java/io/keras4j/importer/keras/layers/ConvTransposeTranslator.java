package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.Activations;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ConvTranspose;
import io.keras4j.runtime.ops.Padding;
import java.util.Arrays;
import java.util.List;

/**
 * Keras Conv1DTranspose, Conv2DTranspose and Conv3DTranspose: filters, kernel_size, strides, padding valid or same,
 * output_padding, use_bias, activation (dilation_rate 1), data_format (channels_first between two Transposes); the
 * paddings of the equivalent convolution as Keras derives them on each axis (its
 * {@code _convert_conv_transpose_padding_args_from_keras_to_jax}). A mask is dropped, as Keras does.
 */
final class ConvTransposeTranslator implements LayerTranslator {
    private final int rank;

    /** @param rank the number of spatial axes: 1, 2 or 3 */
    ConvTransposeTranslator(int rank) {
        this.rank = rank;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int filters = config.positiveInt("filters");
        int[] kernelSize = GeneralConfig.sizes(config, "kernel_size", rank, -1);
        int[] strides = GeneralConfig.sizes(config, "strides", rank, 1);
        int[] dilations = GeneralConfig.sizes(config, "dilation_rate", rank, 1);
        Padding padding = Conv1DTranslator.padding(config, false);
        JsonNode op = config.raw("output_padding");
        int[] given = op == null || op.isNull() ? null : GeneralConfig.intList(config, false, "output_padding");
        if (given != null && given.length == 1 && rank > 1) {
            int[] one = given;
            given = new int[rank];
            Arrays.fill(given, one[0]);
        }
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        Activation activation = Activations.read(config, t.version(), "linear", "activation");
        boolean useBias = config.bool(true, "use_bias");
        config.ignore("kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
                "activity_regularizer", "kernel_constraint", "bias_constraint");
        if (strides == null || dilations == null || kernelSize == null) {
            return List.of(t.unavailable());
        }
        for (int d = 0; given != null && d < rank; d++) {
            if (given.length != rank || given[d] < 0 || given[d] >= Math.max(strides[d], dilations[d])) {
                config.problem("option output_padding=" + op + " must be " + (rank == 1 ? "one integer" : "one integer per axis")
                        + " smaller than the stride or dilation");
                return List.of(t.unavailable());
            }
        }
        if (Arrays.stream(dilations).anyMatch(d -> d > 1)) {
            config.problem("option dilation_rate=" + config.raw("dilation_rate") + " is not supported (Keras' TensorFlow"
                    + " backend cannot run it on CPU, so keras4j has no reference to check it against)");
        }
        KTensor x = GeneralConfig.single(config, t);
        int in = x == null ? -1 : ConvTranslator.inputChannels(config, t, x, channelsFirst, rank);
        if (in <= 0) {
            return List.of(t.unavailable());
        }
        if (!LayerWeights.count(config, t.weights(), useBias ? 2 : 1, useBias ? "kernel, bias" : "kernel")) {
            return List.of(t.unavailable());
        }
        long[] kernelShape = Arrays.copyOf(Arrays.stream(kernelSize).asLongStream().toArray(), rank + 2);
        kernelShape[rank] = filters;
        kernelShape[rank + 1] = in;
        float[] kernel = LayerWeights.take(config, t.weights(), 0, "kernel", kernelShape);
        float[] bias = useBias ? LayerWeights.take(config, t.weights(), 1, "bias", filters) : null;
        if (kernel == null || useBias && bias == null) {
            return List.of(t.unavailable());
        }
        int[] pads = new int[2 * rank];
        for (int d = 0; d < rank; d++) {
            int span = (kernelSize[d] - 1) * dilations[d] + 1;
            int outputPadding = given == null ? -1 : given[d];
            if (padding == Padding.VALID) {
                pads[d] = span - 1;
                pads[rank + d] = span - 1 + (outputPadding < 0 ? Math.max(span, strides[d]) - span : outputPadding);
            } else {
                int total = outputPadding < 0 ? strides[d] + span - 2 : span + span % 2 - 2 + outputPadding;
                pads[d] = Math.min(total / 2 + total % 2, span - 1);
                pads[rank + d] = total - pads[d];
            }
        }
        return ConvTranslator.channelsLast(t, x, channelsFirst, rank, new ConvTranspose(in, filters, kernelSize, strides, dilations,
                pads, kernel, bias, ConvTranslator.inside(activation, channelsFirst)), activation);
    }
}
