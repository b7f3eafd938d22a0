package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.Activations;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ConvLstm;
import io.keras4j.runtime.ops.Padding;
import io.keras4j.runtime.ops.RecurrentOptions;
import io.keras4j.runtime.ops.Reshape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Keras ConvLSTM1D, ConvLSTM2D and ConvLSTM3D: the input convolution ({@code filters}, {@code kernel_size},
 * {@code strides}, {@code padding} valid or same, {@code dilation_rate}) and the recurrent one (same padding, stride 1)
 * feeding an LSTM's gates at every position; the LSTM options are the LSTM layer's ({@code activation},
 * {@code recurrent_activation}, {@code return_sequences}, {@code return_state}, {@code go_backwards}, {@code stateful},
 * initial states); {@code data_format} channels_last or channels_first (transposed around the layer; Keras' TensorFlow
 * backend runs it only on a GPU, so its golden cases take their outputs from a channels-last twin with the same weights).
 * They run as the runtime op ConvLstm (a 1-D layer's steps as one row); a channels-last ConvLSTM3D's same padding is
 * TensorFlow's Conv3D's, a channels_first one's (which Keras runs through XLA) Conv2D's. A mask is refused.
 */
final class ConvLstmTranslator implements LayerTranslator {
    private final int rank;

    /** @param rank the number of spatial axes: 1, 2 or 3 */
    ConvLstmTranslator(int rank) {
        this.rank = rank;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int filters = config.positiveInt("filters");
        int[] kernelSize = GeneralConfig.sizes(config, "kernel_size", rank, -1);
        int[] strides = GeneralConfig.sizes(config, "strides", rank, 1);
        int[] dilation = GeneralConfig.sizes(config, "dilation_rate", rank, 1);
        String padding = config.string("valid", "padding").toLowerCase(Locale.ROOT);
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        Activation activation = Activations.read(config, t.version(), "tanh", "activation");
        Activation recurrent = RecurrentConfig.recurrentActivation(config, t);
        for (Activation f : List.of(activation, recurrent)) {
            if (channelsFirst && f.isRowWise()) { // keras4j runs the gates channels last
                config.problem("option " + (f == activation ? "activation" : "recurrent_activation") + "=" + f
                        + " is not supported with data_format='channels_first' (Keras applies it along the last axis, a"
                        + " spatial one)");
            }
        }
        boolean useBias = config.bool(true, "use_bias");
        config.ignore("unit_forget_bias");
        RecurrentOptions options = RecurrentConfig.options(config, t);
        KTensor x = t.inputs().get(0);
        boolean ok = kernelSize != null && strides != null && dilation != null;
        if (x.mask() != null) {
            config.problem("receives a mask, which keras4j does not apply to a " + config.layer().className());
            ok = false;
        }
        if (!padding.equals("valid") && !padding.equals("same")) {
            config.problem("option padding='" + padding + "' is not supported (valid or same)");
            ok = false;
        }
        int[] shape = t.shape(x.value());
        if (shape.length != rank + 3 || Arrays.stream(shape, 2, shape.length).anyMatch(d -> d <= 0)) {
            config.problem("expects an input (batch, time, " + rank + " spatial axes and channels) with known sizes, got "
                    + GeneralConfig.shapeText(shape));
            ok = false;
        }
        if (!ok) {
            return RecurrentConfig.unavailable(t, options, 2);
        }
        int channels = shape[channelsFirst ? 2 : shape.length - 1];
        int[] in = Arrays.copyOfRange(shape, channelsFirst ? 3 : 2, channelsFirst ? shape.length : shape.length - 1);
        if (GeneralConfig.stridedAndDilated(config, strides, dilation)) {
            return RecurrentConfig.unavailable(t, options, 2);
        }
        if (!LayerWeights.count(config, t.weights(), useBias ? 3 : 2, useBias ? "kernel, recurrent_kernel, bias"
                : "kernel, recurrent_kernel")) {
            return RecurrentConfig.unavailable(t, options, 2);
        }
        long[] kernelShape = shape(kernelSize, channels, 4L * filters);
        long[] recurrentShape = shape(kernelSize, filters, 4L * filters);
        float[] kernel = LayerWeights.take(config, t.weights(), 0, "kernel", kernelShape);
        float[] recurrentKernel = LayerWeights.take(config, t.weights(), 1, "recurrent_kernel", recurrentShape);
        float[] bias = useBias ? LayerWeights.take(config, t.weights(), 2, "bias", 4L * filters) : null;
        if (kernel == null || recurrentKernel == null || useBias && bias == null) {
            return RecurrentConfig.unavailable(t, options, 2);
        }
        ConvLstm op;
        try {
            // Keras' channels_last ConvLSTM3D convolves with TensorFlow's Conv3D, whose same padding is its own;
            // channels_first runs through XLA, which pads as Conv2D
            op = new ConvLstm(rank == 1 ? new int[] {1, in[0]} : in, channels, filters, asRows(kernelSize), asRows(strides),
                    asRows(dilation), padding.equals("same") ? Padding.SAME : Padding.VALID,
                    rank == 3 && !channelsFirst, kernel, recurrentKernel, bias, activation, recurrent, options);
        } catch (IllegalArgumentException e) {
            config.problem("input " + GeneralConfig.shapeText(shape) + " cannot be convolved: " + e.getMessage());
            return RecurrentConfig.unavailable(t, options, 2);
        }
        return convolved(t, op, x, channelsFirst, filters, options);
    }

    /** A size per spatial axis as the op takes it (a 1-D layer's as one row). */
    private static int[] asRows(int[] sizes) {
        return sizes.length > 1 ? sizes : new int[] {1, sizes[0]};
    }

    /**
     * Emits the ConvLstm that runs the layer (a 1-D layer's steps and states reshaped to one row, and back), between the
     * moves of channels_first channels; the outputs as the layer gives them.
     */
    private List<KTensor> convolved(Translation t, ConvLstm op, KTensor x, boolean channelsFirst, int filters,
                                    RecurrentOptions options) {
        List<String> ins = new ArrayList<>();
        ins.add(asRow(t, GeneralConfig.moveChannels(t, x.value(), channelsFirst, 2, rank, true), true));
        t.initialState().forEach(s -> ins.add(asRow(t, GeneralConfig.moveChannels(t, s.value(), channelsFirst, 1, rank, true),
                false)));
        List<String> outs = t.emit(op, ins);
        int[] first = t.shape(outs.get(0));
        int steps = first[first.length - 2]; // the op's output columns: a 1-D layer's output steps
        List<KTensor> result = new ArrayList<>();
        for (int k = 0; k < outs.size(); k++) {
            boolean sequences = k == 0 && options.returnSequences();
            String v = rank == 1 ? t.emit(new Reshape("Reshape", sequences ? new int[] {-1, steps, filters}
                    : new int[] {steps, filters}), List.of(outs.get(k))).get(0) : outs.get(k);
            result.add(new KTensor(GeneralConfig.moveChannels(t, v, channelsFirst, sequences ? 2 : 1, rank, false), null));
        }
        return result;
    }

    /** A 1-D layer's {@code [batch, (time,) steps, channels]} as one row {@code [batch, (time,) 1, steps, channels]}. */
    private String asRow(Translation t, String v, boolean time) {
        if (rank > 1) {
            return v;
        }
        int[] s = t.shape(v);
        int[] target = time ? new int[] {-1, 1, s[2], s[3]} : new int[] {1, s[1], s[2]};
        return t.emit(new Reshape("Reshape", target), List.of(v)).get(0);
    }

    private static long[] shape(int[] kernelSize, long in, long out) {
        long[] s = new long[kernelSize.length + 2];
        for (int i = 0; i < kernelSize.length; i++) {
            s[i] = kernelSize[i];
        }
        s[kernelSize.length] = in;
        s[kernelSize.length + 1] = out;
        return s;
    }
}
