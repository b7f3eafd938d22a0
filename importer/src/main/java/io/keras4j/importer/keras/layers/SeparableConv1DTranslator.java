package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.Activations;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Conv1D;
import java.util.List;

/**
 * Keras DepthwiseConv1D (each input channel convolved with depth_multiplier kernels of its own: a Conv1D with one group
 * per channel, whose kernel layout is the depthwise kernel's) and SeparableConv1D (that, without bias, then a pointwise
 * Conv1D of kernel size 1 with the bias and the activation); channels_last, padding valid or same, strides,
 * dilation_rate. A mask is dropped, as Keras does.
 */
final class SeparableConv1DTranslator implements LayerTranslator {
    private static final Activation LINEAR = Activation.of(Activation.Kind.LINEAR);
    private final boolean pointwise;

    /** @param pointwise SeparableConv1D (a pointwise convolution follows) rather than DepthwiseConv1D */
    SeparableConv1DTranslator(boolean pointwise) {
        this.pointwise = pointwise;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int filters = pointwise ? config.positiveInt("filters") : 0;
        int kernelSize = Conv1DTranslator.kernelSize(config);
        int stride = GeneralConfig.intOrTuple(config, 1, "strides");
        int dilation = GeneralConfig.intOrTuple(config, 1, "dilation_rate");
        int multiplier = GeneralConfig.intOrTuple(config, 1, "depth_multiplier");
        Conv1D.Padding padding = Conv1DTranslator.padding(config, false);
        GeneralConfig.requireChannelsLast(config);
        Activation activation = Activations.read(config, t.version(), "linear", "activation");
        boolean useBias = config.bool(true, "use_bias");
        config.ignore("kernel_initializer", "depthwise_initializer", "pointwise_initializer", "bias_initializer",
                "kernel_regularizer", "depthwise_regularizer", "pointwise_regularizer", "bias_regularizer",
                "activity_regularizer", "kernel_constraint", "depthwise_constraint", "pointwise_constraint",
                "bias_constraint");
        if (stride > 1 && dilation > 1) {
            config.problem("strides=" + stride + " together with dilation_rate=" + dilation + " is not supported (Keras refuses it too)");
        }
        KTensor x = GeneralConfig.single(config, t);
        int in = x == null ? -1 : Conv1DTranslator.inputChannels(config, t, x);
        if (in <= 0) {
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
        float[] depthwise = LayerWeights.take(config, t.weights(), 0, "depthwise kernel", kernelSize, in, multiplier);
        float[] pointwiseKernel = pointwise ? LayerWeights.take(config, t.weights(), 1, "pointwise kernel", 1, depth, filters)
                : null;
        int out = pointwise ? filters : depth;
        float[] bias = useBias ? LayerWeights.take(config, t.weights(), count - 1, "bias", out) : null;
        if (depthwise == null || pointwise && pointwiseKernel == null || useBias && bias == null) {
            return List.of(t.unavailable());
        }
        Conv1D depthwiseOp = new Conv1D(in, depth, kernelSize, stride, dilation, padding, in, depthwise,
                pointwise ? null : bias, pointwise ? LINEAR : activation);
        if (!pointwise) {
            return GeneralConfig.dropMask(t, depthwiseOp, x);
        }
        String d = t.emit(depthwiseOp, List.of(x.value())).get(0);
        Conv1D pointwiseOp = new Conv1D(depth, filters, 1, 1, 1, Conv1D.Padding.VALID, 1, pointwiseKernel, bias, activation);
        return List.of(new KTensor(t.emit(pointwiseOp, List.of(d)).get(0), null));
    }
}
