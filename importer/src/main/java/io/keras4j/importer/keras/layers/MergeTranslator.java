package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Merge;
import io.keras4j.runtime.ops.MergeMask;
import java.util.List;

/**
 * Keras Add, Subtract, Multiply, Average, Maximum and Minimum. Masks as in Keras 3: the output has the
 * OR of the input masks when every input has one (none otherwise); Maximum, Minimum and Multiply also use
 * the masks for their values (see {@link Merge}).
 */
final class MergeTranslator implements LayerTranslator {
    private final Merge.Kind kind;

    MergeTranslator(Merge.Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        List<KTensor> ins = t.inputs();
        if (ins.isEmpty() || kind == Merge.Kind.SUBTRACT && ins.size() != 2) {
            config.problem("expects " + (kind == Merge.Kind.SUBTRACT ? "exactly 2 inputs" : "at least 1 input")
                    + ", got " + ins.size());
            return List.of(t.unavailable());
        }
        MergedInputs m = MergedInputs.of(ins);
        boolean whole = m.masks().size() == ins.size();
        if (refusesKeptMasks(config, t, m.masks(), whole)) {
            return List.of(t.unavailable());
        }
        List<String> opIns = m.valuesThenMasks();
        String out = t.emit(new Merge(kind, m.masked()), opIns).get(0);
        String mask = whole ? t.emit(MergeMask.or(ins.size()), opIns).get(0) : null;
        int steps = whole ? t.stepsReducedIn(m.masks().get(0)) : 0;
        if (steps != 0) {
            t.reducedMask(mask, steps);
        }
        return List.of(new KTensor(out, mask));
    }

    /**
     * Masks a TimeDistributed layer kept ({@link TimeDistributedTranslator#refusesKeptMask}) merge only where Keras
     * leaves the values alone (Add, Subtract, Average): their OR, kept whole as well, when every input has such a mask of
     * the same steps; no output mask when some input has none.
     */
    private boolean refusesKeptMasks(LayerConfig config, Translation t, List<String> masks, boolean whole) {
        boolean valuesUseMasks = kind == Merge.Kind.MULTIPLY || kind == Merge.Kind.MAXIMUM || kind == Merge.Kind.MINIMUM;
        for (String mask : masks) {
            int steps = t.stepsReducedIn(mask);
            if (steps != 0 && (valuesUseMasks || whole && masks.stream().anyMatch(other -> t.stepsReducedIn(other) != steps))) {
                return TimeDistributedTranslator.refusesKeptMask(config, t, mask, valuesUseMasks
                        ? "expands it by one axis and broadcasts it to the input's shape, which fails"
                        : "ORs it with a mask of another shape");
            }
        }
        return false;
    }
}
