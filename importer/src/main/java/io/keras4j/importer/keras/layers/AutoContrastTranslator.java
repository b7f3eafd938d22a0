package io.keras4j.importer.keras.layers;

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
        float[] range = ValueRange.read(config, true);
        KTensor x = GeneralConfig.single(config, t, 4);
        if (x == null || range == null) {
            return List.of(t.unavailable());
        }
        String v = x.value();
        String images = ValueRange.rescale(t, v, range, ValueRange.PIXELS);
        long[] axes = {1, 2};
        String low = GeneralConfig.emit(t, new Reduce(Reduce.Kind.MIN, axes, true), images);
        String high = GeneralConfig.emit(t, new Reduce(Reduce.Kind.MAX, axes, true), images);
        String scale = GeneralConfig.elementwise(t, Elementwise.Kind.DIV, ValueRange.scalar(t, 255f),
                GeneralConfig.elementwise(t, Elementwise.Kind.SUB, high, low));
        String stretched = GeneralConfig.elementwise(t, Elementwise.Kind.SUB,
                GeneralConfig.elementwise(t, Elementwise.Kind.MUL, images, scale),
                GeneralConfig.elementwise(t, Elementwise.Kind.MUL, low, scale));
        String clipped = GeneralConfig.elementwise(t, Elementwise.Kind.MAX, GeneralConfig.elementwise(t,
                Elementwise.Kind.MIN, stretched, ValueRange.scalar(t, 255f)), ValueRange.scalar(t, 0f));
        String result = ValueRange.rescale(t, clipped, ValueRange.PIXELS, range);
        String isNaN = GeneralConfig.elementwise(t, Elementwise.Kind.NOT_EQUAL, result, result);
        return List.of(new KTensor(GeneralConfig.emit(t, new Where(), isNaN, v, result), null));
    }
}
