package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.Activations;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Convolution;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.Padding;
import java.util.Arrays;
import java.util.List;

/**
 * Keras DepthwiseConv1D and DepthwiseConv2D (each input channel convolved with depth_multiplier kernels of its own: a
 * convolution with one group per channel, whose kernel layout is the depthwise kernel's) and SeparableConv1D and
 * SeparableConv2D (that, without bias, then a pointwise convolution of kernel size 1 with the bias and the activation);
 * padding valid or same, strides, dilation_rate (with strides too, as Keras 3.15 computes it), data_format
 * (channels_first between two Transposes; a row-wise activation such as softmax then along the last, spatial axis, as
 * Keras applies it). A mask is dropped, as Keras does.
 */
final class SeparableConvTranslator implements LayerTranslator {
    private static final Activation LINEAR = Activation.of(Activation.Kind.LINEAR);
    private final boolean pointwise;
    private final int rank;

    /**
     * @param pointwise SeparableConv (a pointwise convolution follows) rather than DepthwiseConv
     * @param rank      the number of spatial axes: 1 or 2
     */
    SeparableConvTranslator(boolean pointwise, int rank) {
        this.pointwise = pointwise;
        this.rank = rank;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int filters = pointwise ? config.positiveInt("filters") : 0;
        int[] kernelSize = GeneralConfig.sizes(config, "kernel_size", rank, -1);
        int[] strides = GeneralConfig.sizes(config, "strides", rank, 1);
        int[] dilations = GeneralConfig.sizes(config, "dilation_rate", rank, 1);
        int multiplier = GeneralConfig.intOrTuple(config, 1, "depth_multiplier");
        Padding padding = Conv1DTranslator.padding(config, false);
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        Activation activation = Activations.read(config, t.version(), "linear", "activation");
        boolean useBias = config.bool(true, "use_bias");
        config.ignore("kernel_initializer", "depthwise_initializer", "pointwise_initializer", "bias_initializer",
                "kernel_regularizer", "depthwise_regularizer", "pointwise_regularizer", "bias_regularizer",
                "activity_regularizer", "kernel_constraint", "depthwise_constraint", "pointwise_constraint",
                "bias_constraint");
        KTensor x = GeneralConfig.single(config, t);
        int in = x == null ? -1 : ConvTranslator.inputChannels(config, t, x, channelsFirst, rank);
        if (in <= 0 || kernelSize == null || strides == null || dilations == null) {
            return List.of(t.unavailable());
        }
        if ((long) in * multiplier > 1 << 24) {
            config.problem("option depth_multiplier=" + multiplier + " gives " + (long) in * multiplier + " channels, more"
                    + " than keras4j accepts (" + (1 << 24) + ")");
            return List.of(t.unavailable());
        }
        int depth = in * multiplier;
        int count = (pointwise ? 2 : 1) + (useBias ? 1 : 0);
        String names = (pointwise ? "depthwise kernel, pointwise kernel" : "depthwise kernel") + (useBias ? ", bias" : "");
        if (!LayerWeights.count(config, t.weights(), count, names)) {
            return List.of(t.unavailable());
        }
        long[] depthwiseShape = Arrays.copyOf(Arrays.stream(kernelSize).asLongStream().toArray(), rank + 2);
        depthwiseShape[rank] = in;
        depthwiseShape[rank + 1] = multiplier;
        long[] pointwiseShape = new long[rank + 2];
        Arrays.fill(pointwiseShape, 1);
        pointwiseShape[rank] = depth;
        pointwiseShape[rank + 1] = filters;
        float[] depthwise = LayerWeights.take(config, t.weights(), 0, "depthwise kernel", depthwiseShape);
        float[] pointwiseKernel = pointwise ? LayerWeights.take(config, t.weights(), 1, "pointwise kernel", pointwiseShape)
                : null;
        int out = pointwise ? filters : depth;
        float[] bias = useBias ? LayerWeights.take(config, t.weights(), count - 1, "bias", out) : null;
        if (depthwise == null || pointwise && pointwiseKernel == null || useBias && bias == null) {
            return List.of(t.unavailable());
        }
        float[] depthwiseBias = pointwise ? null : bias;
        Activation depthwiseActivation = pointwise ? LINEAR : ConvTranslator.inside(activation, channelsFirst);
        int[] ones = new int[rank];
        Arrays.fill(ones, 1);
        Op depthwiseOp = new Convolution(in, depth, kernelSize, strides, dilations, padding, null, in, false, depthwise,
                depthwiseBias, depthwiseActivation);
        String v = GeneralConfig.moveChannels(t, x.value(), channelsFirst, 1, rank, true);
        v = t.emit(depthwiseOp, List.of(v)).get(0);
        if (pointwise) {
            Op pointwiseOp = new Convolution(depth, filters, ones, ones, ones, Padding.VALID, null, 1, false, pointwiseKernel,
                    bias, ConvTranslator.inside(activation, channelsFirst));
            v = t.emit(pointwiseOp, List.of(v)).get(0);
        }
        v = GeneralConfig.moveChannels(t, v, channelsFirst, 1, rank, false);
        return List.of(new KTensor(ConvTranslator.afterChannels(t, v, activation, channelsFirst), null));
    }
}
