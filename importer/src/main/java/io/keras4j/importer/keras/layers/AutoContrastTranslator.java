package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Reduce;
import io.keras4j.runtime.ops.primitive.Where;
import java.util.List;

/**
 * Keras 3 AutoContrast, active at inference, as Keras 3.15.1's TensorFlow backend computes it in float32: the images
 * mapped from {@code value_range} to [0, 255], each image's values stretched so that their minimum and maximum over axes
 * 1 and 2 (height and width channels last; Keras takes the same axes channels first) become 0 and 255
 * ({@code x·scale + (−low·scale)}, {@code scale = 255 / (high − low)}), clipped to [0, 255], mapped back to
 * {@code value_range}; where that gives NaN (a constant channel, whose scale is infinite) the input is kept. Drops the
 * mask, as Keras (the layer does not support masking).
 */
final class AutoContrastTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        config.ignore("data_format"); // Keras' AutoContrast reduces axes 1 and 2 whatever the data format
        float[] range = valueRange(config);
        KTensor x = GeneralConfig.single(config, t, 4);
        if (x == null || range == null) {
            return List.of(t.unavailable());
        }
        String v = x.value();
        String images = rescale(t, v, range[0], range[1], 0f, 255f);
        long[] axes = {1, 2};
        String low = GeneralConfig.emit(t, new Reduce(Reduce.Kind.MIN, axes, true), images);
        String high = GeneralConfig.emit(t, new Reduce(Reduce.Kind.MAX, axes, true), images);
        String scale = GeneralConfig.elementwise(t, Elementwise.Kind.DIV, scalar(t, 255f),
                GeneralConfig.elementwise(t, Elementwise.Kind.SUB, high, low));
        String stretched = GeneralConfig.elementwise(t, Elementwise.Kind.SUB,
                GeneralConfig.elementwise(t, Elementwise.Kind.MUL, images, scale),
                GeneralConfig.elementwise(t, Elementwise.Kind.MUL, low, scale));
        String clipped = GeneralConfig.elementwise(t, Elementwise.Kind.MAX,
                GeneralConfig.elementwise(t, Elementwise.Kind.MIN, stretched, scalar(t, 255f)), scalar(t, 0f));
        String result = rescale(t, clipped, 0f, 255f, range[0], range[1]);
        String isNaN = GeneralConfig.elementwise(t, Elementwise.Kind.NOT_EQUAL, result, result);
        return List.of(new KTensor(GeneralConfig.emit(t, new Where(), isNaN, v, result), null));
    }

    /** The sorted {@code value_range} (default [0, 255]) as float32, or null after a problem. */
    private static float[] valueRange(LayerConfig config) {
        JsonNode r = config.raw("value_range");
        if (r == null || r.isNull()) {
            return new float[] {0f, 255f};
        }
        if (!r.isArray() || r.size() != 2 || !r.get(0).isNumber() || !r.get(1).isNumber()) {
            config.problem("option value_range=" + r + " must be two numbers");
            return null;
        }
        float a = (float) r.get(0).asDouble();
        float b = (float) r.get(1).asDouble();
        return new float[] {Math.min(a, b), Math.max(a, b)};
    }

    /**
     * Keras' {@code _transform_value_range}: {@code (v − from0) / (from1 − from0) · (to1 − to0) + to0} in float32, or v
     * itself where the ranges are equal.
     */
    private static String rescale(Translation t, String v, float from0, float from1, float to0, float to1) {
        if (from0 == to0 && from1 == to1) {
            return v;
        }
        String unit = GeneralConfig.elementwise(t, Elementwise.Kind.DIV,
                GeneralConfig.elementwise(t, Elementwise.Kind.SUB, v, scalar(t, from0)), scalar(t, from1 - from0));
        return GeneralConfig.elementwise(t, Elementwise.Kind.ADD,
                GeneralConfig.elementwise(t, Elementwise.Kind.MUL, unit, scalar(t, to1 - to0)), scalar(t, to0));
    }

    private static String scalar(Translation t, float v) {
        return GeneralConfig.constant(t, new float[] {v}, new int[0]);
    }
}
