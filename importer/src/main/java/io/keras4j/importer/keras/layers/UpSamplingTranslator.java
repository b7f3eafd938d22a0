package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Resize;
import io.keras4j.runtime.ops.primitive.Repeat;
import java.util.List;
import java.util.Locale;

/**
 * Keras UpSampling2D(size) and UpSampling3D(size), on an input of 2 or 3 spatial axes: with interpolation nearest (the
 * 3-D layer's only one) every position repeated size[axis] times along each spatial axis (after the channels with
 * data_format channels_first); UpSampling2D with bilinear or bicubic resizes by the factors as TensorFlow's
 * {@code tf.image.resize} does ({@link Resize}). Drops the mask.
 */
final class UpSamplingTranslator implements LayerTranslator {
    private final int rank;

    /** @param rank the number of spatial axes: 2 or 3 */
    UpSamplingTranslator(int rank) {
        this.rank = rank;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int[] size = GeneralConfig.sizes(config, "size", rank, 2);
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        String interpolation = rank == 3 ? "nearest" : config.string("nearest", "interpolation").toLowerCase(Locale.ROOT);
        Resize.Mode mode = interpolation.equals("nearest") ? null : ResizingTranslator.mode(config, interpolation);
        KTensor x = GeneralConfig.single(config, t, rank + 2);
        if (x == null || size == null || mode == null && !interpolation.equals("nearest")) {
            return List.of(t.unavailable());
        }
        if (mode != null) {
            return ConvTranslator.channelsLast(t, x, channelsFirst, 2,
                    ResizingTranslator.tensorflow(mode, null, new float[] {size[0], size[1]}));
        }
        String v = x.value();
        int first = channelsFirst ? 2 : 1;
        for (int axis = 0; axis < rank; axis++) {
            v = t.emit(new Repeat(first + axis, size[axis]), List.of(v)).get(0);
        }
        return List.of(new KTensor(v, null));
    }
}
