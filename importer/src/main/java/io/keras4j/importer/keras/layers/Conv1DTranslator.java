package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.Activations;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Convolution;
import io.keras4j.runtime.ops.Padding;
import java.util.List;
import java.util.Locale;

/**
 * Keras Conv1D: padding valid/same/causal, strides, dilation_rate, groups, use_bias, activation, data_format
 * (channels_first runs channels-last between two Transposes; a row-wise activation then along the last axis, as Keras
 * applies it). Conv1D does not support masking: an incoming mask is dropped, as Keras does.
 */
final class Conv1DTranslator implements LayerTranslator {
    /** Option padding: valid, same, or (where {@code causal} is allowed) causal. */
    static Padding padding(LayerConfig config, boolean causal) {
        String name = config.string("valid", "padding").toLowerCase(Locale.ROOT);
        switch (name) {
            case "valid":
                return Padding.VALID;
            case "same":
                return Padding.SAME;
            case "causal":
                if (causal) {
                    return Padding.CAUSAL;
                }
                // fall through
            default:
                config.problem("option padding='" + name + "' is not supported ("
                        + (causal ? "valid, same or causal" : "valid or same") + ")");
                return Padding.VALID;
        }
    }

    /** Option kernel_size (an int or a list of one); a problem when it is missing. */
    static int kernelSize(LayerConfig config) {
        if (config.raw("kernel_size") == null) {
            config.problem("option kernel_size is missing");
        }
        return GeneralConfig.intOrTuple(config, 1, "kernel_size");
    }

    /** Reads the options of a convolution's kernel and bias that do not change inference; refuses quantization. */
    static void ignoreTrainingOptions(LayerConfig config) {
        config.ignore("kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
                "kernel_constraint", "bias_constraint", "lora_rank", "lora_alpha");
        GeneralConfig.requireNull(config, "quantization_config", "quantized kernels are not supported");
    }

    /**
     * The kernel {@code [kernelSize..., in/groups, filters]} and the bias (null without use_bias) of a convolution over
     * {@code in} channels whose groups divide its channels and filters; null after a problem.
     */
    static float[][] kernelAndBias(LayerConfig config, Translation t, int[] kernelSize, int in, int filters, int groups,
                                   boolean useBias) {
        if (in % groups != 0 || filters % groups != 0) {
            config.problem("groups=" + groups + " must divide the " + in + " input channels and the " + filters + " filters");
            return null;
        }
        if (!LayerWeights.count(config, t.weights(), useBias ? 2 : 1, useBias ? "kernel, bias" : "kernel")) {
            return null;
        }
        long[] shape = new long[kernelSize.length + 2];
        for (int i = 0; i < kernelSize.length; i++) {
            shape[i] = kernelSize[i];
        }
        shape[kernelSize.length] = in / groups;
        shape[kernelSize.length + 1] = filters;
        float[] kernel = LayerWeights.take(config, t.weights(), 0, "kernel", shape);
        float[] bias = useBias ? LayerWeights.take(config, t.weights(), 1, "bias", filters) : null;
        return kernel == null || useBias && bias == null ? null : new float[][] {kernel, bias};
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int filters = config.positiveInt("filters");
        int kernelSize = kernelSize(config);
        int stride = GeneralConfig.intOrTuple(config, 1, "strides");
        int dilation = GeneralConfig.intOrTuple(config, 1, "dilation_rate");
        int groups = GeneralConfig.intOrTuple(config, 1, "groups");
        Padding padding = padding(config, true);
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        Activation activation = Activations.read(config, t.version(), "linear", "activation");
        boolean useBias = config.bool(true, "use_bias");
        ignoreTrainingOptions(config);
        GeneralConfig.stridedAndDilated(config, new int[] {stride}, new int[] {dilation});
        KTensor x = GeneralConfig.single(config, t);
        int in = x == null ? -1 : ConvTranslator.inputChannels(config, t, x, channelsFirst, 1);
        if (in <= 0) {
            return List.of(t.unavailable());
        }
        float[][] weights = kernelAndBias(config, t, new int[] {kernelSize}, in, filters, groups, useBias);
        if (weights == null) {
            return List.of(t.unavailable());
        }
        Convolution op = new Convolution(in, filters, new int[] {kernelSize}, new int[] {stride}, new int[] {dilation}, padding,
                null, groups, false, weights[0], weights[1], ConvTranslator.inside(activation, channelsFirst));
        return ConvTranslator.channelsLast(t, x, channelsFirst, 1, op, activation);
    }
}
