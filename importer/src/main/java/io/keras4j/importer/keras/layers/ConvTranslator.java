package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.Activations;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.Convolution;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.Padding;
import java.util.List;

/**
 * Keras Conv2D and Conv3D: filters, kernel_size, strides, padding valid/same, dilation_rate, use_bias, activation,
 * data_format (channels_first runs channels-last between two Transposes, a row-wise activation such as softmax then
 * along the last, spatial axis, as Keras applies it: {@link #inside}), and groups. They do
 * not support masking: an incoming mask is dropped, as Keras does.
 */
final class ConvTranslator implements LayerTranslator {
    private final int rank;

    /** @param rank the number of spatial axes: 2 or 3 */
    ConvTranslator(int rank) {
        this.rank = rank;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int filters = config.positiveInt("filters");
        int[] kernelSize = GeneralConfig.sizes(config, "kernel_size", rank, -1);
        int[] strides = GeneralConfig.sizes(config, "strides", rank, 1);
        int[] dilations = GeneralConfig.sizes(config, "dilation_rate", rank, 1);
        int groups = GeneralConfig.intOrTuple(config, 1, "groups");
        Padding padding = Conv1DTranslator.padding(config, false);
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        Activation activation = Activations.read(config, t.version(), "linear", "activation");
        boolean useBias = config.bool(true, "use_bias");
        Conv1DTranslator.ignoreTrainingOptions(config);
        GeneralConfig.stridedAndDilated(config, strides, dilations);
        KTensor x = GeneralConfig.single(config, t);
        int in = x == null ? -1 : inputChannels(config, t, x, channelsFirst, rank);
        if (in <= 0 || kernelSize == null || strides == null || dilations == null) {
            return List.of(t.unavailable());
        }
        float[][] weights = Conv1DTranslator.kernelAndBias(config, t, kernelSize, in, filters, groups, useBias);
        if (weights == null) {
            return List.of(t.unavailable());
        }
        Op op = new Convolution(in, filters, kernelSize, strides, dilations, padding, null, groups,
                tfSame(rank, channelsFirst, groups), weights[0],
                weights[1], inside(activation, channelsFirst));
        return channelsLast(t, x, channelsFirst, rank, op, activation);
    }

    /**
     * Whether a convolution over {@code rank} spatial axes pads SAME as TensorFlow's 3-D convolution: Keras runs a
     * channels_first or grouped Conv3D through XLA, which pads as Conv2D.
     */
    static boolean tfSame(int rank, boolean channelsFirst, int groups) {
        return rank == 3 && !channelsFirst && groups == 1;
    }

    /**
     * The channels of x, an input of {@code rank} spatial axes between the batch and the channels (channels on axis 1 with
     * {@code channelsFirst}) with known channels; -1 after recording a problem.
     */
    static int inputChannels(LayerConfig config, Translation t, KTensor x, boolean channelsFirst, int rank) {
        int[] shape = t.shape(x.value());
        int channels = shape.length == rank + 2 ? shape[channelsFirst ? 1 : rank + 1] : -1;
        if (channels <= 0) {
            String spatial = rank == 1 ? "steps" : rank == 2 ? "rows, cols" : "depth, rows, cols";
            config.problem("expects input of shape " + (channelsFirst ? "(batch, channels, " + spatial + ")"
                    : "(batch, " + spatial + ", channels)") + " with known channels, got " + GeneralConfig.shapeText(shape));
        }
        return channels;
    }

    /** Emits {@code op}, which takes and gives channels last, on x; between two Transposes where x has channels first. */
    static List<KTensor> channelsLast(Translation t, KTensor x, boolean channelsFirst, int rank, Op op) {
        String in = GeneralConfig.moveChannels(t, x.value(), channelsFirst, 1, rank, true);
        String out = t.emit(op, List.of(in)).get(0);
        return List.of(new KTensor(GeneralConfig.moveChannels(t, out, channelsFirst, 1, rank, false), null));
    }

    /**
     * As {@link #channelsLast(Translation, KTensor, boolean, int, Op)} for a layer whose activation is {@code activation}
     * and whose op computes {@link #inside}: a row-wise activation of a channels_first layer comes after the Transpose back.
     */
    static List<KTensor> channelsLast(Translation t, KTensor x, boolean channelsFirst, int rank, Op op, Activation activation) {
        String y = channelsLast(t, x, channelsFirst, rank, op).get(0).value();
        return List.of(new KTensor(afterChannels(t, y, activation, channelsFirst), null));
    }

    /**
     * The activation a channels-last op computes itself for a layer's {@code activation}: the layer's own, but linear for a
     * row-wise one (softmax, glu) of a channels_first layer, which Keras applies along the layer's last axis, a spatial
     * one ({@link #afterChannels} applies it there).
     */
    static Activation inside(Activation activation, boolean channelsFirst) {
        return channelsFirst && activation.isRowWise() ? Activation.of(Activation.Kind.LINEAR) : activation;
    }

    /** {@code y} (channels where the layer puts them) through the activation {@link #inside} left out; else {@code y}. */
    static String afterChannels(Translation t, String y, Activation activation, boolean channelsFirst) {
        return inside(activation, channelsFirst) == activation ? y
                : t.emit(new ActivationOp(activation), List.of(y)).get(0);
    }
}
