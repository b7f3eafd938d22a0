package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.Activations;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.KerasVersion;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.RecurrentOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The options and wiring that LSTM, GRU and SimpleRNN translators share. */
final class RecurrentConfig {
    private RecurrentConfig() {
    }

    /**
     * The recurrent activation of an LSTM or GRU. When the config does not name it, the writer's default applies:
     * hard_sigmoid before Keras 2.3 (Keras 1, Keras 2.0 to 2.2, tf.keras of TensorFlow 1), sigmoid from Keras 2.3
     * and in Keras 3. tf.keras "2.2.4-tf" was bundled with TensorFlow 1.13 to 2.1, whose defaults differ, so
     * such a config must name it.
     */
    static Activation recurrentActivation(LayerConfig config, Translation t) {
        KerasVersion v = t.version();
        String[] keys = {"recurrent_activation", "inner_activation"};
        if (v.tfKeras() && v.major() == 2 && v.minor() == 2 && config.raw(keys) == null) {
            config.problem("option recurrent_activation is absent and Keras " + v + " (tf.keras of TensorFlow 1.13 to"
                    + " 2.1) defaulted it to hard_sigmoid in TensorFlow 1 but to sigmoid in TensorFlow 2; add it to the config");
        }
        return Activations.read(config, v, v.before(2, 3) ? "hard_sigmoid" : "sigmoid", keys);
    }

    /**
     * Whether a Bidirectional returning sequences outputs zeros at masked steps. tf.keras (TensorFlow 2) and
     * Keras 3 force {@code zero_output_for_mask} on both layers; Keras 1 and the standalone Keras 2 never did, so
     * there a masked step repeats each direction's previous output. tf.keras before "2.2.4-tf" (TensorFlow 1.12
     * and older) predates the change; "2.2.4-tf" spans TensorFlow 1.13 to 2.1 and is taken as forcing it.
     */
    static boolean bidirectionalZeroesMaskedSteps(KerasVersion v) {
        return v.major() >= 3 || v.major() == 2 && (v.tfKeras() ? !v.before(2, 2) : !v.before(2, 4));
    }

    /** Reads the RNN options every recurrent layer has, and the mask and initial state of this call. */
    static RecurrentOptions options(LayerConfig config, Translation t) {
        config.ignore("kernel_initializer", "recurrent_initializer", "bias_initializer", "kernel_regularizer",
                "recurrent_regularizer", "bias_regularizer", "kernel_constraint", "recurrent_constraint",
                "bias_constraint", "dropout", "recurrent_dropout", "seed", "implementation", "init",
                "inner_init", "W_regularizer", "U_regularizer", "b_regularizer", "dropout_W", "dropout_U",
                "consume_less", "use_cudnn");
        config.require("time_major", false, "time-major inputs are a tf.keras option keras4j does not run");
        RecurrentOptions o = RecurrentOptions.DEFAULTS
                .withStateful(config.bool(false, "stateful"))
                .withReturnSequences(config.bool(false, "return_sequences"))
                .withReturnState(config.bool(false, "return_state"))
                .withGoBackwards(config.bool(false, "go_backwards"))
                .withZeroOutputForMask(config.bool(false, "zero_output_for_mask"))
                .withMask(t.inputs().get(0).mask() != null && t.maskPassed())
                .withInitialState(!t.initialState().isEmpty());
        if (o.masked() && t.stepsReducedIn(t.inputs().get(0).mask()) != 1) {
            // a kept (batch, time, 1) mask broadcasts over the units as a (batch, time) mask does
            TimeDistributedTranslator.refusesKeptMask(config, t, t.inputs().get(0).mask(),
                    "applies it to the state unit by unit (where the steps equal the units) or fails");
        }
        if (config.bool(false, "unroll") && o.goBackwards() && o.returnSequences() && o.zeroOutputForMask() && o.masked()) {
            config.problem("option unroll=true is not supported with go_backwards, return_sequences,"
                    + " zero_output_for_mask (as inside Bidirectional) and a mask: Keras' unrolled loop zeroes the"
                    + " reversed outputs by the mask in input order");
        }
        return o;
    }

    /** Records a problem when this call receives a mask, which the cuDNN layers refuse, as in Keras. */
    static void requireNoMask(LayerConfig config, Translation t) {
        if (t.inputs().get(0).mask() != null) {
            config.problem("receives a mask (from Masking or an Embedding with mask_zero), but Keras' "
                    + config.layer().className() + " does not support masking");
        }
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
