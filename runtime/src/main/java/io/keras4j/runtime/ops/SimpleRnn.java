package io.keras4j.runtime.ops;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.MatMul;

/** Keras SimpleRNN: {@code h' = φ(x·K + b + h·R)}. */
public final class SimpleRnn extends RecurrentOp {
    private final float[] recurrentKernel;
    private final Activation activation;

    /**
     * @param kernel          {@code [inputSize][units]}
     * @param recurrentKernel {@code [units][units]}
     * @param bias            {@code [units]}, or null
     */
    public SimpleRnn(int inputSize, int units, float[] kernel, float[] recurrentKernel, float[] bias,
                     Activation activation, RecurrentOptions options) {
        this(inputSize, units, kernel, recurrentKernel, bias, activation, options, CellOptions.NONE);
    }

    /** A SimpleRNN whose pre-activation is clipped as {@code cell} says (the only cell option it takes). */
    public SimpleRnn(int inputSize, int units, float[] kernel, float[] recurrentKernel, float[] bias,
                     Activation activation, RecurrentOptions options, CellOptions cell) {
        super(inputSize, units, 1, kernel, bias, options, cell);
        Weights.check("recurrent_kernel", recurrentKernel, units, units);
        if (!cell.onlyClip()) {
            throw new IllegalArgumentException("a SimpleRNN takes no peepholes, coupled forget gate or output activation");
        }
        this.recurrentKernel = recurrentKernel;
        this.activation = activation;
    }

    /** A copy of the recurrent kernel {@code [units][units]}. */
    public float[] recurrentKernel() {
        return recurrentKernel.clone();
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public String type() {
        return "SimpleRNN";
    }

    @Override
    public int stateCount() {
        return 1;
    }

    @Override
    protected int stepScratch() {
        return units;
    }

    @Override
    protected void step(float[] proj, int projOff, float[] s, int h, int stride, float[] work, int w) {
        int u = units;
        System.arraycopy(proj, projOff, work, w, u);
        for (int k = 0; k < u; k++) {
            MatMul.axpy(s[h + k], recurrentKernel, k * u, work, w, u);
        }
        cell.clip(work, w, u);
        activation.apply(work, w, u, u);
        System.arraycopy(work, w, s, h, u);
    }

    @Override
    public OpSpec spec() {
        return specBuilder().attr("activation", activation).weight("recurrent_kernel", recurrentKernel, units, units).build();
    }

    /** Rebuilds a SimpleRNN from its {@link #spec()}. */
    public static SimpleRnn fromSpec(OpSpec s) {
        return new SimpleRnn(s.intAttr("input_size"), s.intAttr("units"), s.weight("kernel"), s.weight("recurrent_kernel"),
                s.weight("bias"), s.activation("activation"), options(s), CellOptions.fromSpec(s));
    }

    @Override
    public long parameterCount() {
        return super.parameterCount() + recurrentKernel.length;
    }
}
