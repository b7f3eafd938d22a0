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
 * Keras 3 {@code keras.ops.conv(x, kernel, strides, padding, data_format, dilation_rate)}, {@code
 * keras.ops.depthwise_conv} and {@code keras.ops.separable_conv(x, depthwise_kernel, pointwise_kernel, ...)}, as the Conv,
 * DepthwiseConv and SeparableConv layers compute them (the same TensorFlow functions), without bias: the kernels numpy
 * arrays or constant tensors, of shape {@code (kernel size..., channels, filters)} over 1 to 3 spatial axes or,
 * depthwise, {@code (kernel size..., channels, multiplier)} over 1 or 2 (x's channels, as Keras requires), and the
 * pointwise one {@code (1..., channels · multiplier, filters)}; a kernel computed from tensors is refused.
 */
final class ConvOperationTranslator implements LayerTranslator {
    /** Which operation. */
    enum Form {
        CONV, DEPTHWISE, SEPARABLE
    }

    private static final Activation LINEAR = Activation.of(Activation.Kind.LINEAR);
    private final Form form;

    ConvOperationTranslator(Form form) {
        this.form = form;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        config.readLater("strides", "dilation_rate");
        boolean separable = form == Form.SEPARABLE;
        boolean depthwise = form != Form.CONV;
        KTensor x = OperationArguments.first(config, t, separable ? 3 : 2, separable
                ? "a tensor, a constant depthwise kernel and a constant pointwise kernel" : "a tensor and a constant kernel");
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        Padding padding = Conv1DTranslator.padding(config, false);
        if (x == null) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        int rank = shape.length - 2;
        OperationArguments.Array kernel = kernel(config, t, 1, shape, rank < 1 || rank > (depthwise ? 2 : 3), depthwise
                ? "(kernel size..., channels, multiplier), over 1 or 2" : "(kernel size..., channels, filters), over 1 to 3");
        if (kernel == null) {
            return List.of(t.unavailable());
        }
        int[] k = kernel.shape();
        int[] strides = GeneralConfig.sizes(config, "strides", rank, 1);
        int[] dilations = GeneralConfig.sizes(config, "dilation_rate", rank, 1);
        int in = ConvTranslator.inputChannels(config, t, x, channelsFirst, rank);
        if (in <= 0 || strides == null || dilations == null || !depthwise
                && GeneralConfig.stridedAndDilated(config, strides, dilations)) {
            return List.of(t.unavailable());
        }
        int groups = depthwise ? in : 1;
        int filters = depthwise ? in * k[rank + 1] : k[rank + 1];
        if (k[rank] != in) {
            config.problem("kernel of shape " + GeneralConfig.shapeText(k) + " does not fit the input's " + in
                    + " channels");
            return List.of(t.unavailable());
        }
        Convolution op = new Convolution(in, filters, Arrays.copyOf(k, rank), strides, dilations, padding, null, groups,
                !depthwise && ConvTranslator.tfSame(rank, channelsFirst, groups), kernel.values(), null, LINEAR);
        if (!separable) {
            return ConvTranslator.channelsLast(t, x, channelsFirst, rank, op);
        }
        OperationArguments.Array pointwise = kernel(config, t, 2, shape, false, "(1..., channels · multiplier, filters),"
                + " over " + rank);
        int[] p = pointwise == null ? null : pointwise.shape();
        if (p == null || Arrays.stream(p, 0, rank).anyMatch(d -> d != 1) || p[rank] != filters) {
            if (p != null) {
                config.problem("pointwise kernel of shape " + GeneralConfig.shapeText(p) + " does not fit the depthwise"
                        + " convolution's " + filters + " channels");
            }
            return List.of(t.unavailable());
        }
        int[] ones = new int[rank];
        Arrays.fill(ones, 1);
        String v = GeneralConfig.moveChannels(t, x.value(), channelsFirst, 1, rank, true);
        v = GeneralConfig.emit(t, op, v);
        v = GeneralConfig.emit(t, new Convolution(filters, p[rank + 1], ones, ones, ones, Padding.VALID, null, 1, false,
                pointwise.values(), null, LINEAR), v);
        return List.of(new KTensor(GeneralConfig.moveChannels(t, v, channelsFirst, 1, rank, false), null));
    }

    /**
     * Positional argument {@code i}, a kernel of x's rank for an input x of {@code shape}; null after a problem, which
     * names the shape {@code expected} (also where {@code badRank}).
     */
    private static OperationArguments.Array kernel(LayerConfig config, Translation t, int i, int[] shape, boolean badRank,
            String expected) {
        JsonNode arg = t.positionalArguments().get(i);
        OperationArguments.Array kernel = OperationArguments.array(arg, false);
        if (kernel == null || kernel.shape().length != shape.length || badRank) {
            config.problem("kernel " + OperationArguments.quote(arg) + " is not supported for an input of "
                    + GeneralConfig.shapeText(shape) + " (a numpy array or constant tensor of shape " + expected
                    + " spatial axes)");
            return null;
        }
        return kernel;
    }
}
