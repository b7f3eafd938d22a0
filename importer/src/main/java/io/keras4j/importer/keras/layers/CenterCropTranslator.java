package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Resize;
import java.util.List;

/**
 * Keras CenterCrop: {@code height}, {@code width}, {@code data_format}. Keras decides when the model is built: where an
 * image axis is known then to be shorter than the crop, it resizes as {@code smart_resize} does (the centre cropped to
 * the target's aspect ratio, then a bilinear resize: the runtime op Resize as Keras' Resizing with
 * {@code crop_to_aspect_ratio}); otherwise it slices the centre ({@link Resize#croppedToSizes}; an image of a size unknown
 * then that turns out smaller is refused, where Keras' slice would have another shape).
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
        int[] shape = t.shape(x.value());
        int rows = shape[channelsFirst ? 2 : 1];
        int cols = shape[channelsFirst ? 3 : 2];
        int[] sizes = {height, width};
        Resize op = rows >= 0 && rows < height || cols >= 0 && cols < width
                ? ResizingTranslator.tensorflow(Resize.Mode.LINEAR, sizes, null).croppedToAspectRatio()
                : ResizingTranslator.tensorflow(Resize.Mode.NEAREST, sizes, null).croppedToSizes();
        return ConvTranslator.channelsLast(t, x, channelsFirst, 2, op);
    }
}
