package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.MatMul;
import io.keras4j.runtime.math.Parallel;
import java.util.Arrays;

/**
 * The time loop that LSTM, GRU and SimpleRNN share, with Keras semantics for go_backwards, masking,
 * return_sequences, return_state and initial states. The input projection {@code x · kernel + bias}
 * is computed for all timesteps in one matrix product; each step then calls {@link #step} for one
 * sequence of the batch.
 *
 * <p>Inputs: {@code x [batch, time, inputSize]}, then {@code mask [batch, time]} if masked, then the
 * initial states if given. Outputs: the output, then the final states if returnState.
 */
public abstract class RecurrentOp implements StatefulOp {
    protected final int inputSize;
    protected final int units;
    protected final RecurrentOptions options;
    protected final CellOptions cell;
    /** {@code [inputSize][width]} packed by {@link MatMul#pack}. */
    private final float[] kernel;
    private final float[] inputBias;
    private final int width;

    /**
     * @param kernel    {@code [inputSize][width]} row-major, width = gates × units
     * @param inputBias {@code [width]} added to the projection, or null
     * @param cell      the cell features beyond Keras', which the subclass checks it supports
     */
    protected RecurrentOp(int inputSize, int units, int gates, float[] kernel, float[] inputBias, RecurrentOptions options,
                          CellOptions cell) {
        if (inputSize <= 0 || units <= 0 || units > Integer.MAX_VALUE / gates) {
            throw new IllegalArgumentException("input_size " + inputSize + " and units " + units + " must be positive, with "
                    + gates + "·units below 2^31");
        }
        this.inputSize = inputSize;
        this.units = units;
        this.width = gates * units;
        Weights.check("kernel", kernel, inputSize, width);
        if (inputBias != null) {
            Weights.check("bias", inputBias, width);
        }
        this.kernel = MatMul.pack(kernel, inputSize, width);
        this.inputBias = inputBias;
        this.options = options;
        this.cell = cell;
    }

    /**
     * Whether {@link FusedRecurrence} computes this cell: no cell features beyond Keras', a tanh activation and sigmoid
     * gates.
     */
    protected final boolean fusable(Activation activation, Activation recurrentActivation) {
        return cell.isNone() && activation.kind() == Activation.Kind.TANH
                && recurrentActivation.kind() == Activation.Kind.SIGMOID;
    }

    /** Number of state vectors the cell carries (LSTM 2: h and c; GRU and SimpleRNN 1). The first is h. */
    @Override
    public abstract int stateCount();

    @Override
    public int stateSize(int[][] in) {
        return stateCount() * in[0][0] * units;
    }

    /** Floats of scratch one {@link #step} needs. */
    protected abstract int stepScratch();

    /**
     * Advances one sequence by one step: reads the projected input {@code proj[projOff, projOff+width)}
     * and the states {@code s[stateOff + k·stateStride, ... + units)} for k in [0, stateCount), and
     * overwrites the states with the new ones. The new h is the step's output.
     */
    protected abstract void step(float[] proj, int projOff, float[] s, int stateOff, int stateStride,
                                 float[] work, int workOff);

    /** The packed, fused loop for this cell, or null when only {@link #step} can run it. */
    FusedRecurrence fused() {
        return null;
    }

    /**
     * A spec builder holding what every recurrent op has: sizes, options, kernel, input bias and the cell options
     * that are set (clip, input_forget, output_activation, peepholes {@code [3, units]}).
     */
    protected OpSpec.Builder specBuilder() {
        OpSpec.Builder b = OpSpec.builder(type()).attr("input_size", inputSize).attr("units", units)
                .attr("return_sequences", options.returnSequences()).attr("return_state", options.returnState())
                .attr("go_backwards", options.goBackwards()).attr("masked", options.masked())
                .attr("initial_state", options.initialState()).attr("zero_output_for_mask", options.zeroOutputForMask())
                .attr("stateful", options.stateful())
                .weight("kernel", kernel(), inputSize, width).weight("bias", inputBias, width);
        cell.describe(b, units);
        return b;
    }

    /** The options written by {@link #specBuilder()}. */
    protected static RecurrentOptions options(OpSpec s) {
        return new RecurrentOptions(s.boolAttr("return_sequences"), s.boolAttr("return_state"), s.boolAttr("go_backwards"),
                s.boolAttr("masked"), s.boolAttr("initial_state"), s.boolAttr("zero_output_for_mask"), s.boolAttr("stateful"));
    }

    /** The cell features beyond Keras' ({@link CellOptions#NONE} for a Keras layer). */
    public CellOptions cellOptions() {
        return cell;
    }

    public RecurrentOptions options() {
        return options;
    }

    @Override
    public boolean stateful() {
        return options.stateful();
    }

    @Override
    public int units() {
        return units;
    }

    /** The feature count of the input. */
    public int inputSize() {
        return inputSize;
    }

    /** A copy of the input kernel {@code [inputSize][gates·units]}. */
    public float[] kernel() {
        return MatMul.unpack(kernel, inputSize, width);
    }

    /** A copy of the bias added to the input projection, or null. */
    public float[] inputBias() {
        return inputBias == null ? null : inputBias.clone();
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int expected = 1 + (options.masked() ? 1 : 0) + (options.initialState() ? stateCount() : 0);
        if (in.length != expected) {
            throw new IllegalArgumentException(type() + " takes " + expected + " inputs, got " + in.length);
        }
        int[] x = in[0];
        Inputs.rank(x, 3, "input");
        Inputs.lastDim(x, inputSize, "input");
        int next = 1;
        if (options.masked()) {
            Inputs.same(in[next++], new int[] {x[0], x[1]}, "mask");
        }
        if (options.initialState()) {
            for (int k = 0; k < stateCount(); k++) {
                Inputs.same(in[next++], new int[] {x[0], units}, "initial state " + k);
            }
        }
        int outputs = 1 + (options.returnState() ? stateCount() : 0);
        int[][] out = new int[outputs][];
        out[0] = options.returnSequences() ? new int[] {x[0], x[1], units} : new int[] {x[0], units};
        for (int k = 1; k < outputs; k++) {
            out[k] = new int[] {x[0], units};
        }
        return out;
    }

    @Override
    public int scratchSize(int[][] in) {
        int batch = in[0][0];
        int time = in[0][1];
        long generic = (long) batch * time * width + (stateCount() + 1L) * batch * units + stepScratch();
        return Shapes.checkedScratch(fused() == null ? generic : Math.max(generic, fused().scratchSize(batch, time)));
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        forward(inputs, inputShapes, outputs, scratch, null);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch, float[] carried) {
        forward(inputs, inputShapes, outputs, scratch, carried, Parallel.SERIAL);
    }

    /**
     * Like {@link #forward(float[][], int[][], float[][], float[], float[])}, on the threads of {@code parallel} when
     * the layer takes the fused loop (an LSTM or GRU that {@link FusedRecurrence} computes, without a mask; others run
     * on the caller's thread); {@code carried} may be null.
     */
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch, float[] carried,
                        Parallel parallel) {
        if (fused() != null && !options.masked()) {
            forwardFused(inputs, inputShapes, outputs, scratch, carried, parallel);
            return;
        }
        int batch = inputShapes[0][0];
        int time = inputShapes[0][1];
        int stride = batch * units;
        int projAt = 0;
        int stateAt = batch * time * width;
        int prevAt = stateAt + stateCount() * stride;
        int workAt = prevAt + stride;
        MatMul.multiply(inputs[0], 0, kernel, inputBias, scratch, projAt, batch * time, inputSize, width);
        float[] mask = options.masked() ? inputs[1] : null;
        int firstState = options.masked() ? 2 : 1;
        for (int k = 0; k < stateCount(); k++) {
            if (options.initialState()) {
                System.arraycopy(inputs[firstState + k], 0, scratch, stateAt + k * stride, stride);
            } else if (carried != null) {
                System.arraycopy(carried, k * stride, scratch, stateAt + k * stride, stride);
            } else {
                Arrays.fill(scratch, stateAt + k * stride, stateAt + (k + 1) * stride, 0f);
            }
        }
        Arrays.fill(scratch, prevAt, prevAt + stride, 0f);
        float[] y = outputs[0];
        for (int s = 0; s < time; s++) {
            int t = options.goBackwards() ? time - 1 - s : s;
            for (int b = 0; b < batch; b++) {
                int prev = prevAt + b * units;
                if (mask == null || mask[b * time + t] != 0f) {
                    int state = stateAt + b * units;
                    step(scratch, projAt + (b * time + t) * width, scratch, state, stride, scratch, workAt);
                    System.arraycopy(scratch, state, scratch, prev, units);
                } else if (options.zeroOutputForMask()) {
                    Arrays.fill(scratch, prev, prev + units, 0f);
                }
                if (options.returnSequences()) {
                    System.arraycopy(scratch, prev, y, (b * time + s) * units, units);
                }
            }
        }
        if (!options.returnSequences()) {
            System.arraycopy(scratch, prevAt, y, 0, stride);
        }
        if (options.returnState()) {
            for (int k = 0; k < stateCount(); k++) {
                System.arraycopy(scratch, stateAt + k * stride, outputs[1 + k], 0, stride);
            }
        }
        if (carried != null) {
            System.arraycopy(scratch, stateAt, carried, 0, stateCount() * stride);
        }
    }

    private void forwardFused(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch, float[] carried,
                              Parallel parallel) {
        FusedRecurrence f = fused();
        FusedRecurrence.Call call = f.call();
        int batch = inputShapes[0][0];
        int stride = batch * units;
        for (int k = 0; k < stateCount(); k++) {
            float[] from = options.initialState() ? inputs[1 + k] : carried;
            float[] to = options.returnState() ? outputs[1 + k] : carried;
            call.state(k, from, from == carried ? k * stride : 0, to, to == carried ? k * stride : 0);
        }
        float[] y = outputs[0];
        f.run(call, inputs[0], batch, inputShapes[0][1], options.goBackwards(), options.returnSequences() ? y : null,
                options.returnSequences() ? null : y, scratch, parallel);
        if (options.returnState() && carried != null) {
            for (int k = 0; k < stateCount(); k++) {
                System.arraycopy(outputs[1 + k], 0, carried, k * stride, stride);
            }
        }
    }

    @Override
    public long parameterCount() {
        float[] peepholes = cell.peepholes();
        return kernel.length + (inputBias == null ? 0 : inputBias.length) + (peepholes == null ? 0 : peepholes.length);
    }
}
