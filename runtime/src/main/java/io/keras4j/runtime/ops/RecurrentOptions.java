package io.keras4j.runtime.ops;

/**
 * How a recurrent layer runs over time, as Keras' RNN options say.
 *
 * @param returnSequences   output every step ({@code [batch, time, units]}) instead of the last ({@code [batch, units]})
 * @param returnState       also output the final states
 * @param goBackwards       process time from last to first; the output sequence stays in processing order
 * @param masked            a second input {@code [batch, time]} marks steps (non-zero) to process; masked steps keep
 *                          the states and repeat the previous output
 * @param initialState      the inputs after x (and the mask) are initial states, each {@code [batch, units]}
 * @param zeroOutputForMask masked steps output zeros instead of repeating the previous output
 * @param stateful          the layer was saved with {@code stateful=True}: a {@link io.keras4j.runtime.Session}
 *                          carries its states from call to call
 */
public record RecurrentOptions(boolean returnSequences, boolean returnState, boolean goBackwards,
                               boolean masked, boolean initialState, boolean zeroOutputForMask, boolean stateful) {

    /** The Keras defaults: last output only, forward, no mask, zero initial state, not stateful. */
    public static final RecurrentOptions DEFAULTS = new RecurrentOptions(false, false, false, false, false, false, false);

    public RecurrentOptions withReturnSequences(boolean v) {
        return new RecurrentOptions(v, returnState, goBackwards, masked, initialState, zeroOutputForMask, stateful);
    }

    public RecurrentOptions withGoBackwards(boolean v) {
        return new RecurrentOptions(returnSequences, returnState, v, masked, initialState, zeroOutputForMask, stateful);
    }

    public RecurrentOptions withReturnState(boolean v) {
        return new RecurrentOptions(returnSequences, v, goBackwards, masked, initialState, zeroOutputForMask, stateful);
    }

    public RecurrentOptions withMask(boolean v) {
        return new RecurrentOptions(returnSequences, returnState, goBackwards, v, initialState, zeroOutputForMask, stateful);
    }

    public RecurrentOptions withInitialState(boolean v) {
        return new RecurrentOptions(returnSequences, returnState, goBackwards, masked, v, zeroOutputForMask, stateful);
    }

    public RecurrentOptions withStateful(boolean v) {
        return new RecurrentOptions(returnSequences, returnState, goBackwards, masked, initialState, zeroOutputForMask, v);
    }

    public RecurrentOptions withZeroOutputForMask(boolean v) {
        return new RecurrentOptions(returnSequences, returnState, goBackwards, masked, initialState, v, stateful);
    }
}
