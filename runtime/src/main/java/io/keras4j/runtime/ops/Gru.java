package io.keras4j.runtime.ops;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.MatMul;

/**
 * Keras GRU. Gate blocks z (update), r (reset), h (candidate); {@code h' = z⊙h + (1−z)⊙ĥ}.
 * With reset_after (Keras 3 and tf.keras 2 default): {@code ĥ = φ(x·K_h + b⁰_h + r⊙(h·R_h + b¹_h))};
 * without: {@code ĥ = φ(x·K_h + b_h + (r⊙h)·R_h)}.
 */
public final class Gru extends RecurrentOp {
    private final float[] recurrentKernel;
    private final float[] recurrentBias;
    private final boolean resetAfter;
    private final Activation activation;
    private final Activation recurrentActivation;
    private final FusedRecurrence fused;

    /**
     * @param kernel          {@code [inputSize][3·units]}, gate order z, r, h
     * @param recurrentKernel {@code [units][3·units]}
     * @param inputBias       {@code [3·units]} (row 0 of Keras' (2, 3u) bias with reset_after), or null
     * @param recurrentBias   {@code [3·units]} (row 1 with reset_after), or null
     * @param resetAfter      apply the reset gate after the recurrent product (Keras {@code reset_after})
     */
    public Gru(int inputSize, int units, float[] kernel, float[] recurrentKernel, float[] inputBias, float[] recurrentBias,
               boolean resetAfter, Activation activation, Activation recurrentActivation, RecurrentOptions options) {
        this(inputSize, units, kernel, recurrentKernel, inputBias, recurrentBias, resetAfter, activation, recurrentActivation,
                options, CellOptions.NONE);
    }

    /** A GRU whose gate pre-activations are clipped as {@code cell} says (the only cell option a GRU takes). */
    public Gru(int inputSize, int units, float[] kernel, float[] recurrentKernel, float[] inputBias, float[] recurrentBias,
               boolean resetAfter, Activation activation, Activation recurrentActivation, RecurrentOptions options,
               CellOptions cell) {
        super(inputSize, units, 3, kernel, inputBias, options, cell);
        if (!cell.onlyClip()) {
            throw new IllegalArgumentException("a GRU takes no peepholes, coupled forget gate or output activation");
        }
        Weights.check("recurrent_kernel", recurrentKernel, units, 3 * units);
        if (recurrentBias != null) {
            Weights.check("recurrent bias", recurrentBias, 3 * units);
            if (!resetAfter) {
                throw new IllegalArgumentException("a recurrent bias exists only with reset_after");
            }
        }
        this.recurrentKernel = recurrentKernel;
        this.recurrentBias = recurrentBias;
        this.resetAfter = resetAfter;
        this.activation = activation;
        this.recurrentActivation = recurrentActivation;
        this.fused = resetAfter && fusable(activation, recurrentActivation)
                ? new FusedRecurrence(false, inputSize, units, kernel, inputBias, recurrentKernel, recurrentBias) : null;
    }

    /** A copy of the recurrent kernel {@code [units][3·units]}, gate order z, r, h. */
    public float[] recurrentKernel() {
        return recurrentKernel.clone();
    }

    /** A copy of the recurrent bias (reset_after only), or null. */
    public float[] recurrentBias() {
        return recurrentBias == null ? null : recurrentBias.clone();
    }

    public boolean resetAfter() {
        return resetAfter;
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
        return "GRU";
    }

    @Override
    public int stateCount() {
        return 1;
    }

    @Override
    protected int stepScratch() {
        return 3 * units + units;
    }

    @Override
    protected void step(float[] proj, int projOff, float[] s, int h, int stride, float[] work, int w) {
        int u = units;
        int g = 3 * u;
        int rec = w + g;
        int gates = resetAfter ? g : 2 * u;
        if (resetAfter && recurrentBias != null) {
            System.arraycopy(recurrentBias, 0, work, w, g);
        } else {
            java.util.Arrays.fill(work, w, w + g, 0f);
        }
        for (int k = 0; k < u; k++) {
            MatMul.axpy(s[h + k], recurrentKernel, k * g, work, w, gates);
        }
        for (int j = 0; j < 2 * u; j++) {
            work[w + j] += proj[projOff + j];
        }
        cell.clip(work, w, 2 * u);
        recurrentActivation.apply(work, w, 2 * u, u);
        if (resetAfter) {
            for (int j = 0; j < u; j++) {
                work[w + 2 * u + j] = proj[projOff + 2 * u + j] + work[w + u + j] * work[w + 2 * u + j];
            }
        } else {
            for (int j = 0; j < u; j++) {
                work[rec + j] = work[w + u + j] * s[h + j];
            }
            System.arraycopy(proj, projOff + 2 * u, work, w + 2 * u, u);
            for (int k = 0; k < u; k++) {
                MatMul.axpy(work[rec + k], recurrentKernel, k * g + 2 * u, work, w + 2 * u, u);
            }
        }
        cell.clip(work, w + 2 * u, u);
        activation.apply(work, w + 2 * u, u, u);
        for (int j = 0; j < u; j++) {
            float z = work[w + j];
            s[h + j] = z * s[h + j] + (1 - z) * work[w + 2 * u + j];
        }
    }

    @Override
    public OpSpec spec() {
        return specBuilder().attr("activation", activation).attr("recurrent_activation", recurrentActivation)
                .attr("reset_after", resetAfter).weight("recurrent_kernel", recurrentKernel, units, 3 * units)
                .weight("recurrent_bias", recurrentBias, 3 * units).build();
    }

    /** Rebuilds a GRU from its {@link #spec()}. */
    public static Gru fromSpec(OpSpec s) {
        return new Gru(s.intAttr("input_size"), s.intAttr("units"), s.weight("kernel"), s.weight("recurrent_kernel"),
                s.weight("bias"), s.weight("recurrent_bias"), s.boolAttr("reset_after"), s.activation("activation"),
                s.activation("recurrent_activation"), options(s), CellOptions.fromSpec(s));
    }

    @Override
    public long parameterCount() {
        return super.parameterCount() + recurrentKernel.length + (recurrentBias == null ? 0 : recurrentBias.length);
    }
}
