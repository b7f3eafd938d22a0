package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Resize;
import java.util.List;

/**
 * Keras CenterCrop: {@code height}, {@code width}, {@code data_format}. As Keras' TensorFlow backend runs it on the
 * shapes predict traces it with, per image size ({@link Resize#centerCropped}): the centre sliced where the image is at
 * least the crop's size, else resized as {@code smart_resize} does (the centre cropped to the target's aspect ratio, then
 * a bilinear resize). Bilinear at scale 1 reads each position alone, so the slice is exact.
 */
final class CenterCropTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int height = config.positiveInt("height");
        int width = config.positiveInt("width");
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        KTensor x = GeneralConfig.single(config, t, 4);
        if (x == null || config.hasProblems()) {
            return List.of(t.unavailable());
        }
        Resize op = ResizingTranslator.tensorflow(Resize.Mode.LINEAR, new int[] {height, width}, null).centerCropped();
        return ConvTranslator.channelsLast(t, x, channelsFirst, 2, op);
    }
}
