package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Convolution;
import io.keras4j.runtime.ops.Padding;
import java.util.Arrays;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.conv(x, kernel, strides, padding, data_format, dilation_rate)} and {@code
 * keras.ops.depthwise_conv}, as the Conv and DepthwiseConv layers compute them (the same TensorFlow functions), without
 * bias: the kernel a numpy array or constant tensor of shape {@code (kernel size..., channels, filters)} over 1 to 3
 * spatial axes or, depthwise, {@code (kernel size..., channels, multiplier)} over 1 or 2 (x's channels, as Keras requires);
 * a kernel computed from tensors is refused.
 */
final class ConvOperationTranslator implements LayerTranslator {
    private static final Activation LINEAR = Activation.of(Activation.Kind.LINEAR);
    private final boolean depthwise;

    ConvOperationTranslator(boolean depthwise) {
        this.depthwise = depthwise;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        config.readLater("strides", "dilation_rate");
        KTensor x = OperationArguments.first(config, t, 2, "a tensor and a constant kernel");
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        Padding padding = Conv1DTranslator.padding(config, false);
        if (x == null) {
            return List.of(t.unavailable());
        }
        JsonNode arg = t.positionalArguments().get(1);
        OperationArguments.Array kernel = OperationArguments.array(arg, false);
        int rank = t.shape(x.value()).length - 2;
        if (kernel == null || kernel.shape().length != rank + 2 || rank < 1 || rank > (depthwise ? 2 : 3)) {
            config.problem("kernel " + OperationArguments.quote(arg) + " is not supported for an input of "
                    + GeneralConfig.shapeText(t.shape(x.value())) + " (a numpy array or constant tensor of shape (kernel"
                    + " size..., " + (depthwise ? "channels, multiplier), over 1 or 2" : "channels, filters),"
                    + " over 1 to 3") + " spatial axes)");
            return List.of(t.unavailable());
        }
        int[] strides = GeneralConfig.sizes(config, "strides", rank, 1);
        int[] dilations = GeneralConfig.sizes(config, "dilation_rate", rank, 1);
        int in = ConvTranslator.inputChannels(config, t, x, channelsFirst, rank);
        if (in <= 0 || strides == null || dilations == null || !depthwise
                && GeneralConfig.stridedAndDilated(config, strides, dilations)) {
            return List.of(t.unavailable());
        }
        int[] k = kernel.shape();
        int groups = depthwise ? in : 1;
        int filters = depthwise ? in * k[rank + 1] : k[rank + 1];
        if (k[rank] != in) {
            config.problem("kernel of shape " + GeneralConfig.shapeText(k) + " does not fit the input's " + in
                    + " channels");
            return List.of(t.unavailable());
        }
        Convolution op = new Convolution(in, filters, Arrays.copyOf(k, rank), strides, dilations, padding, null, groups,
                !depthwise && ConvTranslator.tfSame(rank, channelsFirst, groups), kernel.values(), null, LINEAR);
        return ConvTranslator.channelsLast(t, x, channelsFirst, rank, op);
    }
}
