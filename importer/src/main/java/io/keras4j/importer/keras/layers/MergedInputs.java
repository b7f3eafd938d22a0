package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of a merge layer split into their values and the masks of those that carry one.
 *
 * @param values the input values, in order
 * @param masks  the masks of the masked inputs, in order
 * @param masked whether input k carries a mask
 */
record MergedInputs(List<String> values, List<String> masks, boolean[] masked) {

    static MergedInputs of(List<KTensor> ins) {
        List<String> values = new ArrayList<>();
        List<String> masks = new ArrayList<>();
        boolean[] masked = new boolean[ins.size()];
        for (int k = 0; k < ins.size(); k++) {
            values.add(ins.get(k).value());
            masked[k] = ins.get(k).mask() != null;
            if (masked[k]) {
                masks.add(ins.get(k).mask());
            }
        }
        return new MergedInputs(values, masks, masked);
    }

    /** The values followed by the masks, as merge ops take them. */
    List<String> valuesThenMasks() {
        List<String> all = new ArrayList<>(values);
        all.addAll(masks);
        return all;
    }
}
