package io.keras4j.runtime.ops;

import io.keras4j.runtime.math.Activation;

/**
 * The gates of one LSTM step from its pre-activations, which {@link Lstm} and {@link DynamicQuantizedLstm} share:
 * {@code c = σr(z_f)⊙c + σr(z_i)⊙φ(z_c)}, {@code h = σr(z_o)⊙φo(c)}, with the {@link CellOptions} (peepholes, clip,
 * coupled forget gate, output function).
 */
final class LstmGates {
    private final int units;
    private final Activation activation;
    private final Activation recurrentActivation;
    private final Activation outputActivation;
    private final float[] peepholes;
    private final CellOptions cell;

    LstmGates(int units, Activation activation, Activation recurrentActivation, CellOptions cell) {
        this.units = units;
        this.activation = activation;
        this.recurrentActivation = recurrentActivation;
        this.outputActivation = cell.outputActivation() != null ? cell.outputActivation() : activation;
        this.peepholes = cell.peepholes();
        this.cell = cell;
    }

    /** Floats of {@code work} that {@link #apply} uses: the pre-activations and a row for φo(c). */
    int scratch() {
        return 5 * units;
    }

    /**
     * Reads the pre-activations {@code work[w, w+4·units)} (gate blocks i, f, c, o) and overwrites the states
     * {@code s[c, c+units)} and {@code s[h, h+units)} with the new ones; {@code work} is scratch.
     */
    void apply(float[] work, int w, float[] s, int h, int c) {
        int u = units;
        float[] p = peepholes;
        if (p != null) {
            for (int j = 0; j < u; j++) {
                work[w + j] += p[j] * s[c + j];
                work[w + u + j] += p[u + j] * s[c + j];
            }
        }
        cell.clip(work, w, 3 * u);
        if (cell.coupledInputForget()) {
            recurrentActivation.apply(work, w, u, u);
            for (int j = 0; j < u; j++) {
                work[w + u + j] = 1 - work[w + j];
            }
        } else {
            recurrentActivation.apply(work, w, 2 * u, u);
        }
        activation.apply(work, w + 2 * u, u, u);
        int tanhC = w + 4 * u;
        for (int j = 0; j < u; j++) {
            s[c + j] = work[w + u + j] * s[c + j] + work[w + j] * work[w + 2 * u + j];
            work[tanhC + j] = s[c + j];
        }
        if (p != null) {
            for (int j = 0; j < u; j++) {
                work[w + 3 * u + j] += p[2 * u + j] * s[c + j];
            }
        }
        cell.clip(work, w + 3 * u, u);
        recurrentActivation.apply(work, w + 3 * u, u, u);
        outputActivation.apply(work, tanhC, u, u);
        for (int j = 0; j < u; j++) {
            s[h + j] = work[w + 3 * u + j] * work[tanhC + j];
        }
    }
}
