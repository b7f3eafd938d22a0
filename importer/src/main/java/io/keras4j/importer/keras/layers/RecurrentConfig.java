package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.KerasVersion;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.RecurrentOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The options and wiring that LSTM, GRU and SimpleRNN translators share. */
final class RecurrentConfig {
    private RecurrentConfig() {
    }

    /** Keras before 2.3 (and Keras 1) defaulted recurrent_activation to hard_sigmoid; later versions to sigmoid. */
    static String defaultRecurrentActivation(KerasVersion v) {
        if (v.major() >= 3) {
            return "sigmoid";
        }
        if (v.major() == 2) {
            String[] parts = v.text().split("[.-]");
            int minor = parts.length > 1 && parts[1].matches("\\d+") ? Integer.parseInt(parts[1]) : 0;
            return minor >= 3 || v.text().contains("tf") ? "sigmoid" : "hard_sigmoid";
        }
        return "hard_sigmoid";
    }

    /** Reads the RNN options every recurrent layer has, and the mask and initial state of this call. */
    static RecurrentOptions options(LayerConfig config, Translation t) {
        config.ignore("kernel_initializer", "recurrent_initializer", "bias_initializer", "kernel_regularizer",
                "recurrent_regularizer", "bias_regularizer", "kernel_constraint", "recurrent_constraint",
                "bias_constraint", "dropout", "recurrent_dropout", "seed", "unroll", "implementation", "init",
                "inner_init", "W_regularizer", "U_regularizer", "b_regularizer", "dropout_W", "dropout_U",
                "consume_less", "use_cudnn");
        config.require("time_major", false, "time-major inputs are a tf.keras option keras4j does not run");
        return RecurrentOptions.DEFAULTS
                .withStateful(config.bool(false, "stateful"))
                .withReturnSequences(config.bool(false, "return_sequences"))
                .withReturnState(config.bool(false, "return_state"))
                .withGoBackwards(config.bool(false, "go_backwards"))
                .withZeroOutputForMask(config.bool(false, "zero_output_for_mask"))
                .withMask(t.inputs().get(0).mask() != null && t.maskPassed())
                .withInitialState(!t.initialState().isEmpty());
    }

    /** The feature count of a {@code [batch, time, features]} input, or -1 after recording a problem. */
    static int inputSize(LayerConfig config, Translation t, KTensor x) {
        int[] shape = t.shape(x.value());
        if (shape.length != 3 || shape[2] <= 0) {
            config.problem("expects input of shape (batch, time, features) with known features, got "
                    + Arrays.toString(shape).replace("-1", "None"));
            return -1;
        }
        return shape[2];
    }

    /** Emits a recurrent op on x, its mask and initial state, and returns the Keras outputs (output, then states). */
    static List<KTensor> emit(Translation t, io.keras4j.runtime.ops.RecurrentOp op, KTensor x, int states) {
        RecurrentOptions o = op.options();
        List<String> ins = new ArrayList<>();
        ins.add(x.value());
        if (o.masked()) {
            ins.add(x.mask());
        }
        t.initialState().forEach(s -> ins.add(s.value()));
        List<String> outs = t.emit(op, ins);
        List<KTensor> result = new ArrayList<>();
        result.add(new KTensor(outs.get(0), o.returnSequences() ? x.mask() : null));
        if (o.returnState()) {
            for (int k = 0; k < states; k++) {
                result.add(new KTensor(outs.get(1 + k), null));
            }
        }
        return result;
    }

    /** Stand-ins for every output of a layer that could not be translated. */
    static List<KTensor> unavailable(Translation t, RecurrentOptions o, int states) {
        return Collections.nCopies(o.returnState() ? 1 + states : 1, t.unavailable());
    }
}
