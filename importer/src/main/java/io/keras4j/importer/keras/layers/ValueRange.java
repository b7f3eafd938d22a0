package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Elementwise;

/** The {@code value_range} of Keras 3's image preprocessing layers, and their mapping of values between ranges. */
final class ValueRange {
    /** Keras' range of pixel values, in which the layers compute. */
    static final float[] PIXELS = {0f, 255f};

    private ValueRange() {
    }

    /**
     * Option {@code value_range} (default [0, 255]) as float32, sorted where the layer sorts it, or null after a problem.
     */
    static float[] read(LayerConfig config, boolean sorted) {
        JsonNode r = config.raw("value_range");
        if (r == null || r.isNull()) {
            return PIXELS;
        }
        if (!r.isArray() || r.size() != 2 || !r.get(0).isNumber() || !r.get(1).isNumber()) {
            config.problem("option value_range=" + r + " must be two numbers");
            return null;
        }
        float a = (float) r.get(0).asDouble();
        float b = (float) r.get(1).asDouble();
        return sorted ? new float[] {Math.min(a, b), Math.max(a, b)} : new float[] {a, b};
    }

    /**
     * Keras' {@code _transform_value_range}: {@code (v − from[0]) / (from[1] − from[0]) · (to[1] − to[0]) + to[0]} in
     * float32, or v itself where the ranges are equal.
     */
    static String rescale(Translation t, String v, float[] from, float[] to) {
        if (from[0] == to[0] && from[1] == to[1]) {
            return v;
        }
        String unit = GeneralConfig.elementwise(t, Elementwise.Kind.DIV,
                GeneralConfig.elementwise(t, Elementwise.Kind.SUB, v, scalar(t, from[0])), scalar(t, from[1] - from[0]));
        return GeneralConfig.elementwise(t, Elementwise.Kind.ADD,
                GeneralConfig.elementwise(t, Elementwise.Kind.MUL, unit, scalar(t, to[1] - to[0])), scalar(t, to[0]));
    }

    /** Emits a float32 scalar constant and returns its value. */
    static String scalar(Translation t, float v) {
        return GeneralConfig.constant(t, new float[] {v}, new int[0]);
    }
}
