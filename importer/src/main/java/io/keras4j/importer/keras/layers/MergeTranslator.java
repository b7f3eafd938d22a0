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
        List<String> opIns = m.valuesThenMasks();
        String out = t.emit(new Merge(kind, m.masked()), opIns).get(0);
        String mask = m.masks().size() == ins.size() ? t.emit(MergeMask.or(ins.size()), opIns).get(0) : null;
        return List.of(new KTensor(out, mask));
    }
}
