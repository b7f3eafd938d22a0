package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.importer.keras.LayerSpec;
import io.keras4j.runtime.ops.MergeBatchTime;
import io.keras4j.runtime.ops.SplitBatchTime;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.List;
import java.util.Set;

/**
 * Keras TimeDistributed: applies the wrapped layer to every timestep. Layers that already act on the last
 * axis alone (Dense, Activation and the inference identities) are applied directly to the sequence;
 * others run on {@code [batch·time, ...]} and are split back. The input mask passes through; as in Keras, a wrapped
 * RNN or GlobalAveragePooling1D over a masked 4-D input gets each timestep's mask row ({@code [batch·time, steps]});
 * other masked layers that take a mask are refused.
 */
final class TimeDistributedTranslator implements LayerTranslator {
    private static final Set<String> LAST_AXIS = Set.of("Dense", "Activation", "Dropout", "GaussianNoise",
            "GaussianDropout", "AlphaDropout", "ActivityRegularization", "Identity");
    /**
     * Supported layers whose call takes a mask, which TimeDistributed gives them: all but Softmax take the mask of each
     * timestep's sequence, over {@code [batch·time, steps, features]}.
     */
    private static final Set<String> TAKE_MASK = Set.of("LSTM", "GRU", "SimpleRNN", "Bidirectional",
            "GlobalAveragePooling1D", "Softmax");

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        LayerSpec inner = GeneralConfig.wrapped(config);
        if (inner == null) {
            return List.of(t.unavailable());
        }
        if (inner.isModel()) {
            config.problem("wraps the model '" + inner.name() + "' (" + inner.className() + "); keras4j runs"
                    + " TimeDistributed over a single layer only");
            return List.of(t.unavailable());
        }
        KTensor x = t.inputs().get(0);
        String innerMask = null;
        if (x.mask() != null && t.maskPassed() && TAKE_MASK.contains(inner.className())) {
            if (inner.className().equals("Softmax") || t.shape(x.value()).length < 4) {
                config.problem("passes its input's mask to the wrapped " + inner.className() + " (one mask row per"
                        + " timestep, as Keras does), which keras4j does only for an RNN or GlobalAveragePooling1D over a"
                        + " 4-D input");
                return List.of(t.unavailable());
            }
            innerMask = t.emit(new MergeBatchTime(), List.of(x.mask())).get(0);
        }
        if (LAST_AXIS.contains(inner.className())) {
            List<KTensor> out = t.translateInner(inner, List.of(new KTensor(x.value(), null)), List.of(), t.weights());
            return List.of(new KTensor(out.get(0).value(), x.mask()));
        }
        String merged = t.emit(new MergeBatchTime(), List.of(x.value())).get(0);
        List<KTensor> out = t.translateInner(inner, List.of(new KTensor(merged, innerMask)), List.of(), t.weights());
        String split = t.emit(new SplitBatchTime(), List.of(out.get(0).value(), x.value())).get(0);
        return List.of(new KTensor(split, outputMask(t, x.mask(), split)));
    }

    /**
     * Keras keeps the input's mask on the output, even where the wrapped layer dropped an axis (an RNN without
     * return_sequences: a {@code (batch, time, steps)} mask on a {@code (batch, time, units)} value). Every layer Keras can
     * run on that mask takes it over its last axes with {@code any} (Concatenate) or passes it on, so keras4j reduces it
     * with {@code any} to the value's shape without its last axis at once. The layers that apply their mask to values
     * (RNNs, GlobalAveragePooling1D, Softmax, Maximum, Minimum, Multiply) are refused it ({@link #refusesKeptMask}).
     */
    private static String outputMask(Translation t, String mask, String value) {
        if (mask == null) {
            return null;
        }
        int maskRank = t.shape(mask).length;
        int keep = t.shape(value).length - 1;
        if (keep < 1 || maskRank <= keep) {
            return mask;
        }
        long[] axes = new long[maskRank - keep];
        int[] shape = t.shape(mask);
        long steps = 1;
        for (int i = 0; i < axes.length; i++) {
            axes[i] = keep + i;
            steps = shape[keep + i] < 0 || steps < 0 ? -1 : steps * shape[keep + i];
        }
        if (steps == 0 || steps > 1 << 24) {
            steps = -1; // none or too many to name: still a kept mask, of an unknown number of steps
        }
        String reduced = t.emit(new Reduce(Reduce.Kind.MAX, axes, false), List.of(mask)).get(0);
        t.reducedMask(reduced, (int) steps);
        return reduced;
    }

    /**
     * Records a problem and returns true when {@code mask} stands for the {@code (batch, time, steps)} mask a
     * TimeDistributed layer kept (see {@link Translation#reducedMask}), which a layer that applies its mask cannot be given
     * reduced; {@code kerasUse} says what Keras does with the whole mask.
     */
    static boolean refusesKeptMask(LayerConfig config, Translation t, String mask, String kerasUse) {
        int steps = mask == null ? 0 : t.stepsReducedIn(mask);
        if (steps == 0) {
            return false;
        }
        config.problem("receives the mask a TimeDistributed layer kept from its 4-D input, with "
                + (steps < 0 ? "an unknown number of steps" : steps == 1 ? "1 step" : steps + " steps")
                + " per timestep: Keras " + kerasUse
                + ", which keras4j does not support; reduce it first, for example through a Concatenate");
        return true;
    }
}
