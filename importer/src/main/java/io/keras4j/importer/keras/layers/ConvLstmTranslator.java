package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.Activations;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Conv1D;
import io.keras4j.runtime.ops.Conv3D;
import io.keras4j.runtime.ops.ConvLstm2D;
import io.keras4j.runtime.ops.Lstm;
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
 * ConvLSTM1D and ConvLSTM2D run as the runtime op ConvLstm2D (a 1-D layer's steps as one row). ConvLSTM3D runs as the
 * LSTM it is: with a step's positions and channels flattened, both convolutions are linear maps, written out at import as
 * an LSTM's kernel and recurrent kernel over {@code units = output positions · filters}, the bias repeated per position;
 * layers whose written-out kernels would exceed {@link #MAX_WEIGHTS} floats are refused, and a NaN or infinity in a step's
 * input reaches every output position of that step (a written-out zero times it is NaN), where Keras' convolution confines
 * it to the windows that hold it. A mask is refused.
 */
final class ConvLstmTranslator implements LayerTranslator {
    /** The most floats the written-out kernels may hold (512 MiB). */
    static final long MAX_WEIGHTS = 1L << 27;

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
        // Keras' channels_last ConvLSTM3D convolves with TensorFlow's Conv3D, whose same padding is its own; channels_first
        // runs through XLA, which pads as Conv2D
        Convolution input = rank == 3 ? Convolution.of(in, kernelSize, strides, dilation, padding.equals("same"),
                !channelsFirst) : null;
        if (rank == 3 && input == null) {
            config.problem("input " + GeneralConfig.shapeText(shape) + " is smaller than the kernel "
                    + Arrays.toString(kernelSize) + " with dilation " + Arrays.toString(dilation));
            return RecurrentConfig.unavailable(t, options, 2);
        }
        long units = rank < 3 ? 0 : Arrays.stream(input.out()).asLongStream().reduce(filters, Math::multiplyExact);
        long inputSize = Arrays.stream(in).asLongStream().reduce(channels, Math::multiplyExact);
        if (rank == 3 && (units > MAX_WEIGHTS || inputSize > MAX_WEIGHTS || (inputSize + units) * 4 * units > MAX_WEIGHTS)) {
            config.problem("would be run as an LSTM of " + units + " units over " + inputSize + " inputs, whose kernels"
                    + " hold more than keras4j's limit of " + MAX_WEIGHTS + " floats");
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
        if (rank <= 2) {
            ConvLstm2D op;
            try {
                op = new ConvLstm2D(rank == 1 ? 1 : in[0], in[rank - 1], channels, filters, asRows(kernelSize),
                        asRows(strides), asRows(dilation), padding.equals("same") ? Conv1D.Padding.SAME : Conv1D.Padding.VALID,
                        kernel, recurrentKernel, bias, activation, recurrent, options);
            } catch (IllegalArgumentException e) {
                config.problem("input " + GeneralConfig.shapeText(shape) + " cannot be convolved: " + e.getMessage());
                return RecurrentConfig.unavailable(t, options, 2);
            }
            return convolved(t, op, x, channelsFirst, filters, options);
        }
        int[] ones = new int[rank];
        Arrays.fill(ones, 1);
        Convolution state = Convolution.of(input.out(), kernelSize, ones, ones, true, false);
        int u = (int) units;
        float[] perPosition = bias == null ? null : new float[4 * u];
        for (int i = 0; perPosition != null && i < perPosition.length; i++) {
            int g = i / u;
            perPosition[i] = bias[g * filters + i % filters];
        }
        Lstm op = new Lstm((int) inputSize, u, input.expand(kernel, channels, filters),
                state.expand(recurrentKernel, filters, filters), perPosition, activation, recurrent, options);
        List<String> ins = new ArrayList<>();
        ins.add(flatten(t, GeneralConfig.moveChannels(t, x.value(), channelsFirst, 2, rank, true), 2, (int) inputSize));
        t.initialState().forEach(s -> ins.add(flatten(t, GeneralConfig.moveChannels(t, s.value(), channelsFirst, 1, rank, true),
                1, u)));
        List<String> outs = t.emit(op, ins);
        int[] out = Arrays.copyOf(input.out(), rank + 1);
        out[rank] = filters;
        List<KTensor> result = new ArrayList<>();
        boolean sequences = options.returnSequences();
        String output = unflatten(t, outs.get(0), out, sequences);
        result.add(new KTensor(GeneralConfig.moveChannels(t, output, channelsFirst, sequences ? 2 : 1, rank, false), null));
        for (int k = 1; k < outs.size(); k++) {
            result.add(new KTensor(GeneralConfig.moveChannels(t, unflatten(t, outs.get(k), out, false), channelsFirst, 1, rank, false), null));
        }
        return result;
    }

    /** A size per spatial axis of a 1-D or 2-D layer as the two of a ConvLSTM2D (a 1-D layer's as one row). */
    private static int[] asRows(int[] sizes) {
        return sizes.length == 2 ? sizes : new int[] {1, sizes[0]};
    }

    /**
     * Emits the ConvLSTM2D that runs a 1-D or 2-D layer (a 1-D layer's steps and states reshaped to one row, and back),
     * between the moves of channels_first channels; the outputs as the layer gives them.
     */
    private List<KTensor> convolved(Translation t, ConvLstm2D op, KTensor x, boolean channelsFirst, int filters,
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
        if (rank == 2) {
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

    /** {@code [batch, (time,) spatial..., channels]} as {@code [batch, (time,) size]}; {@code lead} 2 with time, 1 without. */
    private static String flatten(Translation t, String v, int lead, int size) {
        return t.emit(new Reshape("Reshape", lead == 2 ? new int[] {-1, size} : new int[] {size}), List.of(v)).get(0);
    }

    /** The LSTM's {@code [batch, (time,) units]} as the layer's {@code [batch, (time,) spatial..., filters]}. */
    private static String unflatten(Translation t, String v, int[] out, boolean sequences) {
        int[] target = out;
        if (sequences) {
            target = new int[out.length + 1];
            target[0] = -1;
            System.arraycopy(out, 0, target, 1, out.length);
        }
        return t.emit(new Reshape("Reshape", target), List.of(v)).get(0);
    }

    /** A ConvLSTM3D's convolution geometry, as TensorFlow lays it out: sizes, strides, dilation, padding. */
    private record Convolution(int[] in, int[] out, int[] kernel, int[] strides, int[] dilation, int[] before) {
        /**
         * The geometry of a valid or same convolution (same padded as TensorFlow's Conv3D with {@code tfSame}), or null where
         * the input is smaller than a valid window (or the window spans more than 2^30 positions).
         */
        static Convolution of(int[] in, int[] kernel, int[] strides, int[] dilation, boolean same, boolean tfSame) {
            int n = in.length;
            int[] out = new int[n];
            int[] before = new int[n];
            for (int d = 0; d < n; d++) {
                long wide = (kernel[d] - 1L) * dilation[d] + 1;
                if (wide > 1 << 30) {
                    return null;
                }
                int span = (int) wide;
                if (same) {
                    out[d] = (in[d] + strides[d] - 1) / strides[d];
                    before[d] = tfSame ? Conv3D.tfSamePadBefore(in[d], out[d], strides[d], span)
                            : Conv1D.samePadLeft(in[d], out[d], strides[d], span);
                } else if (in[d] < span) {
                    return null;
                } else {
                    out[d] = (in[d] - span) / strides[d] + 1;
                }
            }
            return new Convolution(in, out, kernel, strides, dilation, before);
        }

        /**
         * The convolution with Keras' weights {@code [kernel..., channels, 4·filters]} as a dense LSTM kernel
         * {@code [positions·channels][4·outPositions·filters]}, gate-major, each gate's units position-major.
         */
        float[] expand(float[] w, int channels, int filters) {
            int n = in.length;
            int inPositions = Arrays.stream(in).reduce(1, (a, b) -> a * b);
            int outPositions = Arrays.stream(out).reduce(1, (a, b) -> a * b);
            int taps = Arrays.stream(kernel).reduce(1, (a, b) -> a * b);
            int units = outPositions * filters;
            float[] dense = new float[inPositions * channels * 4 * units];
            int[] q = new int[n];
            int[] j = new int[n];
            for (int qi = 0; qi < outPositions; qi++) {
                unravel(qi, out, q);
                for (int ji = 0; ji < taps; ji++) {
                    unravel(ji, kernel, j);
                    int p = 0;
                    boolean inside = true;
                    for (int d = 0; d < n && inside; d++) {
                        int pos = q[d] * strides[d] + j[d] * dilation[d] - before[d];
                        inside = pos >= 0 && pos < in[d];
                        p = p * in[d] + pos;
                    }
                    if (!inside) {
                        continue; // zero padding
                    }
                    for (int c = 0; c < channels; c++) {
                        int row = (p * channels + c) * 4 * units;
                        int tap = (ji * channels + c) * 4 * filters;
                        for (int g = 0; g < 4; g++) {
                            for (int f = 0; f < filters; f++) {
                                dense[row + g * units + qi * filters + f] += w[tap + g * filters + f];
                            }
                        }
                    }
                }
            }
            return dense;
        }

        private static void unravel(int index, int[] sizes, int[] into) {
            for (int d = sizes.length - 1; d >= 0; d--) {
                into[d] = index % sizes[d];
                index /= sizes[d];
            }
        }
    }
}
