package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Pad;
import java.util.Arrays;
import java.util.List;

/**
 * Keras ZeroPadding2D and ZeroPadding3D (padding) and Cropping2D and Cropping3D (cropping) on an input of 2 or 3 spatial
 * axes: zeros added (or positions removed) at both ends of each spatial axis (after the channels with data_format
 * channels_first). The counts are one int for every side, one per axis for both its ends, or one pair per axis
 * ((before, after), ...). The mask is dropped, as these layers do not support masking.
 */
final class SpatialPaddingTranslator implements LayerTranslator {
    private final boolean crop;
    private final int rank;

    /**
     * @param crop Cropping (removes positions) rather than ZeroPadding
     * @param rank the number of spatial axes: 2 or 3
     */
    SpatialPaddingTranslator(boolean crop, int rank) {
        this.crop = crop;
        this.rank = rank;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        String option = crop ? "cropping" : "padding";
        int[] counts = counts(config.raw(option));
        if (counts == null) {
            config.problem("option " + option + "=" + config.raw(option) + " must be an int, " + rank + " ints or " + rank
                    + " pairs of non-negative ints (at most 2^24)");
        }
        int first = GeneralConfig.channelsFirst(config) ? 2 : 1;
        KTensor x = GeneralConfig.single(config, t, rank + 2);
        if (x == null || counts == null) {
            return List.of(t.unavailable());
        }
        int sign = crop ? -1 : 1;
        int[] pads = new int[2 * (rank + 2)];
        for (int axis = 0; axis < rank; axis++) {
            pads[first + axis] = sign * counts[2 * axis];
            pads[rank + 2 + first + axis] = sign * counts[2 * axis + 1];
        }
        return GeneralConfig.dropMask(t, new Pad(pads, 0f), x);
    }

    /** Before and after of each axis from Keras' forms (absent: 1 for ZeroPadding, 0 for Cropping); null if malformed. */
    private int[] counts(JsonNode v) {
        int[] out = new int[2 * rank];
        if (v == null || v.isNull()) {
            Arrays.fill(out, crop ? 0 : 1);
            return out;
        }
        if (v.isIntegralNumber()) {
            int n = count(v);
            Arrays.fill(out, n);
            return n < 0 ? null : out;
        }
        if (!v.isArray() || v.size() != rank) {
            return null;
        }
        for (int axis = 0; axis < rank; axis++) {
            JsonNode a = v.get(axis);
            if (a.isArray() && a.size() == 2) {
                out[2 * axis] = count(a.get(0));
                out[2 * axis + 1] = count(a.get(1));
            } else {
                out[2 * axis] = count(a);
                out[2 * axis + 1] = out[2 * axis];
            }
            if (out[2 * axis] < 0 || out[2 * axis + 1] < 0) {
                return null;
            }
        }
        return out;
    }

    private static int count(JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= 0 && v.asInt() <= 1 << 24 ? v.asInt() : -1;
    }
}
