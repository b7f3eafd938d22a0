package io.keras4j.runtime.ops;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.MatMul;

/**
 * Keras LSTM. Gate blocks i, f, c, o; per step {@code z = x·K + h·R + b},
 * {@code c = σr(z_f)⊙c + σr(z_i)⊙φ(z_c)}, {@code h = σr(z_o)⊙φ(c)}. {@link CellOptions} add what ONNX LSTM
 * has besides: peepholes, clip, a coupled forget gate and a separate function for {@code φ(c)}.
 */
public final class Lstm extends RecurrentOp {
    private final float[] recurrentKernel;
    private final Activation activation;
    private final Activation recurrentActivation;
    private final LstmGates gates;
    private final FusedRecurrence fused;

    /**
     * @param kernel          {@code [inputSize][4·units]}, Keras layout and gate order i, f, c, o
     * @param recurrentKernel {@code [units][4·units]}
     * @param bias            {@code [4·units]}, or null without bias
     */
    public Lstm(int inputSize, int units, float[] kernel, float[] recurrentKernel, float[] bias,
                Activation activation, Activation recurrentActivation, RecurrentOptions options) {
        this(inputSize, units, kernel, recurrentKernel, bias, activation, recurrentActivation, options, CellOptions.NONE);
    }

    /** An LSTM with the cell features of {@code cell} (peepholes {@code [3][units]}, order i, f, o). */
    public Lstm(int inputSize, int units, float[] kernel, float[] recurrentKernel, float[] bias,
                Activation activation, Activation recurrentActivation, RecurrentOptions options, CellOptions cell) {
        super(inputSize, units, 4, kernel, bias, options, cell);
        Weights.check("recurrent_kernel", recurrentKernel, units, 4 * units);
        if (cell.peepholes() != null) {
            Weights.check("peepholes", cell.peepholes(), 3, units);
        }
        this.recurrentKernel = recurrentKernel;
        this.activation = activation;
        this.recurrentActivation = recurrentActivation;
        this.gates = new LstmGates(units, activation, recurrentActivation, cell);
        this.fused = fusable(activation, recurrentActivation)
                ? new FusedRecurrence(true, inputSize, units, kernel, bias, recurrentKernel, null) : null;
    }

    /** A copy of the recurrent kernel {@code [units][4·units]}, gate order i, f, c, o. */
    public float[] recurrentKernel() {
        return recurrentKernel.clone();
    }

    public Activation activation() {
        return activation;
    }

    public Activation recurrentActivation() {
        return recurrentActivation;
    }

    @Override
    FusedRecurrence fused() {
        return fused;
    }

    @Override
    public String type() {
        return "LSTM";
    }

    @Override
    public int stateCount() {
        return 2;
    }

    @Override
    protected int stepScratch() {
        return gates.scratch();
    }

    @Override
    protected void step(float[] proj, int projOff, float[] s, int h, int stride, float[] work, int w) {
        int g = 4 * units;
        System.arraycopy(proj, projOff, work, w, g);
        for (int k = 0; k < units; k++) {
            MatMul.axpy(s[h + k], recurrentKernel, k * g, work, w, g);
        }
        gates.apply(work, w, s, h, h + stride);
    }

    @Override
    public OpSpec spec() {
        return specBuilder().attr("activation", activation).attr("recurrent_activation", recurrentActivation)
                .weight("recurrent_kernel", recurrentKernel, units, 4 * units).build();
    }

    /** Rebuilds an LSTM from its {@link #spec()}. */
    public static Lstm fromSpec(OpSpec s) {
        return new Lstm(s.intAttr("input_size"), s.intAttr("units"), s.weight("kernel"), s.weight("recurrent_kernel"),
                s.weight("bias"), s.activation("activation"), s.activation("recurrent_activation"), options(s), CellOptions.fromSpec(s));
    }

    @Override
    public long parameterCount() {
        return super.parameterCount() + recurrentKernel.length;
    }
}
