package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.Activations;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Conv1D;
import io.keras4j.runtime.ops.Conv1DTranspose;
import java.util.List;

/**
 * Keras Conv1DTranspose, channels_last: filters, kernel_size, strides, padding valid or same, output_padding, use_bias,
 * activation (dilation_rate 1); the paddings of the equivalent convolution as Keras derives them (its
 * {@code _convert_conv_transpose_padding_args_from_keras_to_jax}). A mask is dropped, as Keras does.
 */
final class Conv1DTransposeTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int filters = config.positiveInt("filters");
        int kernelSize = Conv1DTranslator.kernelSize(config);
        int stride = GeneralConfig.intOrTuple(config, 1, "strides");
        int dilation = GeneralConfig.intOrTuple(config, 1, "dilation_rate");
        Conv1D.Padding padding = Conv1DTranslator.padding(config, false);
        JsonNode op = config.raw("output_padding");
        int[] given = op == null || op.isNull() ? null : GeneralConfig.intList(config, false, "output_padding");
        if (given != null && (given.length != 1 || given[0] < 0 || given[0] >= Math.max(stride, dilation))) {
            config.problem("option output_padding=" + op + " must be one integer smaller than the stride or dilation");
            return List.of(t.unavailable());
        }
        if (dilation > 1) {
            config.problem("option dilation_rate=" + dilation + " is not supported (Keras' TensorFlow backend cannot run it"
                    + " on CPU, so keras4j has no reference to check it against)");
        }
        GeneralConfig.requireChannelsLast(config);
        Activation activation = Activations.read(config, t.version(), "linear", "activation");
        boolean useBias = config.bool(true, "use_bias");
        config.ignore("kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
                "activity_regularizer", "kernel_constraint", "bias_constraint");
        KTensor x = GeneralConfig.single(config, t);
        int in = x == null ? -1 : Conv1DTranslator.inputChannels(config, t, x);
        if (in <= 0) {
            return List.of(t.unavailable());
        }
        if (!LayerWeights.count(config, t.weights(), useBias ? 2 : 1, useBias ? "kernel, bias" : "kernel")) {
            return List.of(t.unavailable());
        }
        float[] kernel = LayerWeights.take(config, t.weights(), 0, "kernel", kernelSize, filters, in);
        float[] bias = useBias ? LayerWeights.take(config, t.weights(), 1, "bias", filters) : null;
        if (kernel == null || useBias && bias == null) {
            return List.of(t.unavailable());
        }
        int span = (kernelSize - 1) * dilation + 1;
        int left;
        int right;
        if (padding == Conv1D.Padding.VALID) {
            left = span - 1;
            right = span - 1 + (given == null ? Math.max(span, stride) - span : given[0]);
        } else {
            int total = given == null ? stride + span - 2 : span + span % 2 - 2 + given[0];
            left = Math.min(total / 2 + total % 2, span - 1);
            right = total - left;
        }
        Conv1DTranspose layer = new Conv1DTranspose(in, filters, kernelSize, stride, dilation, left, right, kernel, bias,
                activation);
        return GeneralConfig.dropMask(t, layer, x);
    }
}
