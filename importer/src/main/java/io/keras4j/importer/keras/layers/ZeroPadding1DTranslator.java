package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Pad;
import java.util.List;

/**
 * Keras ZeroPadding1D(padding) and Cropping1D(cropping) on a rank-3 input: zero steps added (or steps removed) at the
 * start and the end of the steps axis (axis 2 for ZeroPadding1D with data_format channels_first). The mask is dropped,
 * as these layers do not support masking.
 */
final class ZeroPadding1DTranslator implements LayerTranslator {
    private final boolean crop;

    /** @param crop Cropping1D (removes steps) rather than ZeroPadding1D */
    ZeroPadding1DTranslator(boolean crop) {
        this.crop = crop;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        String option = crop ? "cropping" : "padding";
        int[] counts = GeneralConfig.intList(config, true, option);
        if (counts == null) {
            counts = new int[] {1, 1};
        } else if (counts.length == 1) {
            counts = new int[] {counts[0], counts[0]};
        }
        int axis = !crop && GeneralConfig.channelsFirst(config) ? 2 : 1;
        if (counts.length != 2 || counts[0] < 0 || counts[1] < 0 || counts[0] > 1 << 24 || counts[1] > 1 << 24) {
            config.problem("option " + option + "=" + config.raw(option) + " must be one or two non-negative integers (at most 2^24)");
            return List.of(t.unavailable());
        }
        KTensor x = GeneralConfig.single(config, t, 3);
        if (x == null) {
            return List.of(t.unavailable());
        }
        int sign = crop ? -1 : 1;
        int[] pads = new int[6];
        pads[axis] = sign * counts[0];
        pads[3 + axis] = sign * counts[1];
        return GeneralConfig.dropMask(t, new Pad(pads, 0f), x);
    }
}
