package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.math.Activation;
import java.util.Arrays;

/**
 * Keras ConvLSTM2D and ConvLSTM3D, channels last, over frames {@code [batch, time, (depth,) rows, cols, channels]} of a
 * size fixed at import: at each step the gates {@code z = conv(x_t, kernel) + bias + conv(h, recurrentKernel)} (the
 * recurrent convolution same-padded, stride 1), each {@code [(outDepth,) outRows, outCols, 4·filters]} in Keras' gate
 * order i, f, c, o; then {@code c = f·c + i·activation(c̃)} and {@code h = o·activation(c)} with the gates through
 * {@code recurrentActivation}. The convolutions are {@link Convolution}s; the input convolution of every
 * step is computed first, in one pass over all frames. Options as an LSTM's: go_backwards (outputs in processing order),
 * return_sequences, return_state (h, then c), initial states, stateful; no mask.
 *
 * <p>Inputs: x, then the initial h and c {@code [batch, (outDepth,) outRows, outCols, filters]} if given. Outputs: h of
 * every step {@code [batch, time, (outDepth,) outRows, outCols, filters]} or of the last, then h and c with return_state.
 */
public final class ConvLstm implements StatefulOp {
    private final int[] sizes;
    private final int channels;
    private final int filters;
    private final Convolution input;
    private final Convolution recurrent;
    private final float[] bias;
    private final int[] kernelSize;
    private final int[] strides;
    private final int[] dilations;
    private final Padding padding;
    private final boolean tfSame;
    private final Activation activation;
    private final Activation recurrentActivation;
    private final RecurrentOptions options;
    private final int[] outSizes;
    private final int positions;

    /**
     * @param sizes           the frames' rows and columns, or depth, rows and columns (fixed)
     * @param kernel          {@code [kernel sizes...][channels][4·filters]} (the Keras layout)
     * @param recurrentKernel {@code [kernel sizes...][filters][4·filters]}
     * @param bias            {@code [4·filters]}, or null
     * @param padding         VALID or SAME (of the input convolution)
     * @param tfSame          over three axes, SAME pads as TensorFlow's Conv3D does channels last ({@link Padding#tfSamePadBefore})
     */
    public ConvLstm(int[] sizes, int channels, int filters, int[] kernelSize, int[] strides, int[] dilations,
                    Padding padding, boolean tfSame, float[] kernel, float[] recurrentKernel, float[] bias,
                    Activation activation, Activation recurrentActivation, RecurrentOptions options) {
        int axes = sizes.length;
        if (axes < 2 || axes > 3 || Arrays.stream(sizes).anyMatch(d -> d <= 0) || channels <= 0 || filters <= 0
                || filters > (1 << 27) || padding != Padding.VALID && padding != Padding.SAME
                || options.masked() || tfSame && axes != 3) {
            throw new IllegalArgumentException("invalid ConvLSTM: input " + Arrays.toString(sizes) + " x " + channels + ", "
                    + filters + " filters, padding " + padding + (tfSame ? " (TensorFlow's 3-D)" : "")
                    + (options.masked() ? ", masked" : ""));
        }
        int[] ones = new int[axes];
        Arrays.fill(ones, 1);
        Activation linear = Activation.of(Activation.Kind.LINEAR);
        this.input = new Convolution(channels, 4 * filters, kernelSize, strides, dilations, padding, null, 1, tfSame, kernel,
                bias, linear);
        this.recurrent = new Convolution(filters, 4 * filters, kernelSize, ones, ones, Padding.SAME, null, 1, false,
                recurrentKernel, null, linear);
        this.outSizes = input.outSizes(sizes);
        if (Arrays.stream(outSizes).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("ConvLSTM" + axes + "D: kernel " + Arrays.toString(kernelSize) + " with dilations "
                    + Arrays.toString(dilations) + " does not fit in an input of " + Arrays.toString(sizes) + " positions");
        }
        long outPositions = Arrays.stream(outSizes).asLongStream().reduce(1, Math::multiplyExact);
        if (outPositions * 4 * filters > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ConvLSTM" + axes + "D: " + outPositions + " output positions of " + filters
                    + " filters hold more gates than an array can");
        }
        this.positions = (int) outPositions;
        this.sizes = sizes.clone();
        this.channels = channels;
        this.filters = filters;
        this.bias = bias;
        this.kernelSize = kernelSize.clone();
        this.strides = strides.clone();
        this.dilations = dilations.clone();
        this.padding = padding;
        this.tfSame = tfSame && padding == Padding.SAME;
        this.activation = activation;
        this.recurrentActivation = recurrentActivation;
        this.options = options;
    }

    @Override
    public String type() {
        return "ConvLSTM" + sizes.length + "D";
    }

    @Override
    public OpSpec spec() {
        OpSpec.Builder s = OpSpec.builder(type());
        if (sizes.length == 3) {
            s.attr("depth", sizes[0]).attr("tf_same", tfSame);
        }
        return s.attr("rows", sizes[sizes.length - 2]).attr("cols", sizes[sizes.length - 1]).attr("channels", channels)
                .attr("filters", filters).attr("kernel_size", kernelSize).attr("strides", strides).attr("dilations", dilations)
                .attr("padding", padding.name()).attr("activation", activation)
                .attr("recurrent_activation", recurrentActivation)
                .attr("return_sequences", options.returnSequences()).attr("return_state", options.returnState())
                .attr("go_backwards", options.goBackwards()).attr("initial_state", options.initialState())
                .attr("stateful", options.stateful())
                .weight("kernel", input.kernel(), Weights.kernelShape(kernelSize, channels, 4 * filters))
                .weight("recurrent_kernel", recurrent.kernel(), Weights.kernelShape(kernelSize, filters, 4 * filters))
                .weight("bias", bias, 4 * filters).build();
    }

    /** Rebuilds the op from its {@link #spec()} (type ConvLSTM2D or ConvLSTM3D). */
    public static ConvLstm fromSpec(OpSpec s) {
        RecurrentOptions options = new RecurrentOptions(s.boolAttr("return_sequences"), s.boolAttr("return_state"),
                s.boolAttr("go_backwards"), false, s.boolAttr("initial_state"), false, s.boolAttr("stateful"));
        boolean threeD = s.type().equals("ConvLSTM3D");
        int[] sizes = threeD ? new int[] {s.intAttr("depth"), s.intAttr("rows"), s.intAttr("cols")}
                : new int[] {s.intAttr("rows"), s.intAttr("cols")};
        return new ConvLstm(sizes, s.intAttr("channels"), s.intAttr("filters"), s.intsAttr("kernel_size"),
                s.intsAttr("strides"), s.intsAttr("dilations"), s.enumAttr("padding", Padding.class),
                threeD && s.boolAttr("tf_same"), s.weight("kernel"), s.weight("recurrent_kernel"), s.weight("bias"),
                s.activation("activation"), s.activation("recurrent_activation"), options);
    }

    /** The convolution of each frame, the gates' bias included (linear). */
    public Convolution inputConvolution() {
        return input;
    }

    /** The same-padded, stride-1 convolution of h, without bias (linear). */
    public Convolution recurrentConvolution() {
        return recurrent;
    }

    /** The output sizes of the input convolution: (outDepth,) outRows, outCols. */
    public int[] outSizes() {
        return outSizes.clone();
    }

    public int filters() {
        return filters;
    }

    public Activation activation() {
        return activation;
    }

    public Activation recurrentActivation() {
        return recurrentActivation;
    }

    public RecurrentOptions options() {
        return options;
    }

    @Override
    public int stateCount() {
        return 2;
    }

    /** Floats of h (and of c) for one sequence: {@code output positions · filters}. */
    @Override
    public int units() {
        return positions * filters;
    }

    @Override
    public boolean stateful() {
        return options.stateful();
    }

    @Override
    public int stateSize(int[][] in) {
        return 2 * in[0][0] * units();
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int expected = options.initialState() ? 3 : 1;
        if (in.length != expected) {
            throw new IllegalArgumentException(type() + " takes " + expected + " inputs, got " + in.length);
        }
        int[] x = in[0];
        int axes = sizes.length;
        int[] frames = new int[axes + 3];
        frames[0] = -1;
        frames[1] = -1;
        System.arraycopy(sizes, 0, frames, 2, axes);
        frames[axes + 2] = channels;
        Inputs.same(x, frames, "input");
        int[] state = new int[axes + 2];
        state[0] = x[0];
        System.arraycopy(outSizes, 0, state, 1, axes);
        state[axes + 1] = filters;
        for (int k = 1; k < in.length; k++) {
            Inputs.same(in[k], state, "initial state " + (k - 1));
        }
        int[][] out = new int[options.returnState() ? 3 : 1][];
        if (options.returnSequences()) {
            out[0] = new int[axes + 3];
            out[0][0] = x[0];
            out[0][1] = x[1];
            System.arraycopy(state, 1, out[0], 2, axes + 1);
        } else {
            out[0] = state.clone();
        }
        for (int k = 1; k < out.length; k++) {
            out[k] = state.clone();
        }
        return out;
    }

    @Override
    public int scratchSize(int[][] in) {
        long batch = in[0][0];
        long frames = batch * in[0][1];
        long gates = 4L * units();
        return Shapes.checkedScratch(frames * gates + batch * gates + 2 * batch * units()
                + Math.max(input.workSize(sizes), recurrent.workSize(outSizes)));
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        forward(inputs, inputShapes, outputs, scratch, null);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch, float[] carried) {
        int batch = inputShapes[0][0];
        int time = inputShapes[0][1];
        int units = units();
        int gates = 4 * units;
        int stride = batch * units;
        int projected = 0;
        int step = projected + batch * time * gates;
        int h = step + batch * gates;
        int c = h + stride;
        int work = c + stride;
        input.convolve(inputs[0], 0, batch * time, sizes, scratch, projected, scratch, work);
        for (int k = 0; k < 2; k++) {
            int at = k == 0 ? h : c;
            if (options.initialState()) {
                System.arraycopy(inputs[1 + k], 0, scratch, at, stride);
            } else if (carried != null) {
                System.arraycopy(carried, k * stride, scratch, at, stride);
            } else {
                Arrays.fill(scratch, at, at + stride, 0f);
            }
        }
        float[] y = outputs[0];
        for (int s = 0; s < time; s++) {
            int t = options.goBackwards() ? time - 1 - s : s;
            recurrent.convolve(scratch, h, batch, outSizes, scratch, step, scratch, work);
            for (int b = 0; b < batch; b++) {
                for (int p = 0; p < positions; p++) {
                    int z = step + (b * positions + p) * 4 * filters;
                    int zx = projected + ((b * time + t) * positions + p) * 4 * filters;
                    int state = (b * positions + p) * filters;
                    for (int f = 0; f < filters; f++) {
                        float i = recurrentActivation.apply(scratch[zx + f] + scratch[z + f]);
                        float forget = recurrentActivation.apply(scratch[zx + filters + f] + scratch[z + filters + f]);
                        float candidate = activation.apply(scratch[zx + 2 * filters + f] + scratch[z + 2 * filters + f]);
                        float o = recurrentActivation.apply(scratch[zx + 3 * filters + f] + scratch[z + 3 * filters + f]);
                        float cell = forget * scratch[c + state + f] + i * candidate;
                        scratch[c + state + f] = cell;
                        scratch[h + state + f] = o * activation.apply(cell);
                    }
                }
            }
            if (options.returnSequences()) {
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(scratch, h + b * units, y, (b * time + s) * units, units);
                }
            }
        }
        if (!options.returnSequences()) {
            System.arraycopy(scratch, h, y, 0, stride);
        }
        if (options.returnState()) {
            System.arraycopy(scratch, h, outputs[1], 0, stride);
            System.arraycopy(scratch, c, outputs[2], 0, stride);
        }
        if (carried != null) {
            System.arraycopy(scratch, h, carried, 0, stride);
            System.arraycopy(scratch, c, carried, stride, stride);
        }
    }

    @Override
    public long parameterCount() {
        return input.parameterCount() + recurrent.parameterCount();
    }

    @Override
    public String toString() {
        return type() + "(" + filters + ", k=" + Arrays.toString(kernelSize) + ", strides=" + Arrays.toString(strides)
                + ", dilations=" + Arrays.toString(dilations) + ", " + padding.name().toLowerCase(java.util.Locale.ROOT)
                + ") on " + Arrays.toString(sizes) + " x " + channels;
    }
}
