package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.GlobalPooling1D;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras GlobalMaxPooling1D and GlobalAveragePooling1D: data_format, keepdims. The average uses the
 * incoming mask (mean over valid steps); the max ignores it (GlobalMaxPooling1D does not support masking
 * in Keras 3). Neither output has a mask. With channels first Keras applies the mask, which runs along axis 1, to the
 * steps on axis 2: keras4j does so where the two have the same length and refuses the broadcasts Keras makes otherwise.
 */
final class GlobalPooling1DTranslator implements LayerTranslator {
    private final boolean max;

    GlobalPooling1DTranslator(boolean max) {
        this.max = max;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        boolean keepDims = config.bool(false, "keepdims");
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        boolean masked = !max && x.mask() != null && t.maskPassed();
        if (masked && (TimeDistributedTranslator.refusesKeptMask(config, t, x.mask(),
                "broadcasts it against the input, giving another shape, or fails") || channelsFirst && !maskOnSteps(config, t, x))) {
            return List.of(t.unavailable());
        }
        List<String> ins = new ArrayList<>();
        ins.add(x.value());
        if (masked) {
            ins.add(x.mask());
        }
        return List.of(new KTensor(t.emit(new GlobalPooling1D(max, keepDims, channelsFirst, masked), ins).get(0), null));
    }

    /**
     * With channels first, Keras applies the {@code (batch, time)} mask, which runs along the input's axis 1, to the steps
     * on axis 2, broadcasting it when the two lengths differ; keras4j runs only the case where they are equal.
     */
    private static boolean maskOnSteps(LayerConfig config, Translation t, KTensor x) {
        int[] mask = t.shape(x.mask());
        int[] value = t.shape(x.value());
        if (mask.length != 2 || value.length != 3) {
            return true; // the op names the wrong rank
        }
        int maskSteps = mask[1];
        int steps = value[2];
        if (maskSteps == steps) {
            return true;
        }
        config.problem("option data_format=channels_first with a mask: Keras applies the mask, of "
                + (maskSteps < 0 ? "unknown length" : "length " + maskSteps) + " along axis 1, to the steps on axis 2 ("
                + (steps < 0 ? "unknown length" : "length " + steps) + "), broadcasting it, which keras4j does not support");
        return false;
    }
}
