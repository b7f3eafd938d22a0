package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Pad;
import java.util.List;

/**
 * Keras ZeroPadding2D(padding) and Cropping2D(cropping) on a rank-4 input: rows and columns of zeros added (or removed) at
 * both ends of the two spatial axes (axes 2 and 3 with data_format channels_first). The counts are one int for all four
 * sides, two (rows, columns) for both ends, or two pairs ((top, bottom), (left, right)). The mask is dropped, as these
 * layers do not support masking.
 */
final class ZeroPadding2DTranslator implements LayerTranslator {
    private final boolean crop;

    /** @param crop Cropping2D (removes rows and columns) rather than ZeroPadding2D */
    ZeroPadding2DTranslator(boolean crop) {
        this.crop = crop;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        String option = crop ? "cropping" : "padding";
        int[] counts = counts(config.raw(option));
        if (counts == null) {
            config.problem("option " + option + "=" + config.raw(option) + " must be an int, two ints or two pairs of"
                    + " non-negative ints (at most 2^24)");
        }
        int first = GeneralConfig.channelsFirst(config) ? 2 : 1;
        KTensor x = GeneralConfig.single(config, t, 4);
        if (x == null || counts == null) {
            return List.of(t.unavailable());
        }
        int sign = crop ? -1 : 1;
        int[] pads = new int[8];
        for (int axis = 0; axis < 2; axis++) {
            pads[first + axis] = sign * counts[2 * axis];
            pads[4 + first + axis] = sign * counts[2 * axis + 1];
        }
        return GeneralConfig.dropMask(t, new Pad(pads, 0f), x);
    }

    /** top, bottom, left, right from Keras' forms (absent: 1 for ZeroPadding2D, 0 for Cropping2D); null if malformed. */
    private int[] counts(JsonNode v) {
        if (v == null || v.isNull()) {
            return crop ? new int[4] : new int[] {1, 1, 1, 1};
        }
        if (v.isIntegralNumber()) {
            int n = count(v);
            return n < 0 ? null : new int[] {n, n, n, n};
        }
        if (!v.isArray() || v.size() != 2) {
            return null;
        }
        int[] out = new int[4];
        for (int axis = 0; axis < 2; axis++) {
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
