package io.keras4j.runtime.ops;

import io.keras4j.runtime.math.Activation;

/**
 * Recurrent-cell features that ONNX LSTM, GRU and RNN have and Keras does not; {@link #NONE} gives the
 * Keras cells unchanged.
 *
 * @param clip               bound every gate pre-activation to {@code [-clip, clip]} before its activation; 0 for none
 * @param outputActivation   LSTM only: the function applied to the cell state for h ({@code h = o ⊙ fn(c)}); null
 *                           to use the cell's activation, as Keras does
 * @param peepholes          LSTM only: {@code [3][units]} in order i, f, o, added as {@code p ⊙ c} to the gate
 *                           pre-activations (i and f with the previous c, o with the new c); null for none
 * @param coupledInputForget LSTM only: the forget gate is {@code 1 − i} (ONNX {@code input_forget})
 */
public record CellOptions(float clip, Activation outputActivation, float[] peepholes, boolean coupledInputForget) {

    /** The Keras cells: no clip, no peepholes. */
    public static final CellOptions NONE = new CellOptions(0f, null, null, false);

    public CellOptions {
        if (!(clip >= 0) || Float.isInfinite(clip)) {
            throw new IllegalArgumentException("clip must be a positive finite bound (or 0 for none), got " + clip);
        }
        peepholes = peepholes == null ? null : peepholes.clone();
    }

    /** A copy of the peephole weights, or null. */
    @Override
    public float[] peepholes() {
        return peepholes == null ? null : peepholes.clone();
    }

    /** Whether no option is set: the Keras cell. */
    boolean isNone() {
        return clip == 0f && onlyClip();
    }

    /** Whether only clipping is set, which is all GRU and SimpleRNN take. */
    boolean onlyClip() {
        return outputActivation == null && peepholes == null && !coupledInputForget;
    }

    /** Bounds {@code x[off, off+n)} to {@code [-clip, clip]} when a clip is set. */
    void clip(float[] x, int off, int n) {
        if (clip == 0f) {
            return;
        }
        for (int i = off; i < off + n; i++) {
            x[i] = Math.max(-clip, Math.min(clip, x[i]));
        }
    }

    /** Adds the options that are set to a spec (clip, input_forget, output_activation, peepholes {@code [3, units]}). */
    void describe(OpSpec.Builder b, int units) {
        b.weight("peepholes", peepholes, 3, units);
        if (clip != 0f) {
            b.attr("clip", (double) clip);
        }
        if (coupledInputForget) {
            b.attr("input_forget", true);
        }
        if (outputActivation != null) {
            b.attr("output_activation", outputActivation);
        }
    }

    /** The options written by {@link #describe}; absent ones take the Keras default. */
    static CellOptions fromSpec(OpSpec s) {
        return new CellOptions(s.has("clip") ? (float) s.doubleAttr("clip") : 0f,
                s.has("output_activation") ? s.activation("output_activation") : null, s.weight("peepholes"),
                s.has("input_forget") && s.boolAttr("input_forget"));
    }
}
