package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ColorSpace;
import io.keras4j.runtime.ops.Dense;
import java.util.List;

/**
 * Keras 3's colour operations on a batch of images (rank 4), as its TensorFlow backend computes them, channels_first
 * between two transposes: {@code keras.ops.image.rgb_to_grayscale(images, data_format)} makes 3 channels one, the sum
 * of the channels times float32 0.2989, 0.5870 and 0.1140 (a Dense op of one unit, without bias, over the channels),
 * and keeps an image of 1 channel as it is; {@code rgb_to_hsv} and {@code hsv_to_rgb} convert 3 channels per pixel as
 * {@code tf.image} does (a {@link ColorSpace} op).
 */
final class ColorOperationTranslator implements LayerTranslator {
    private static final float[] GRAY_WEIGHTS = {0.2989f, 0.5870f, 0.1140f};

    private final ColorSpace.Kind kind;

    /** @param kind the conversion, or null for rgb_to_grayscale */
    ColorOperationTranslator(ColorSpace.Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        if (x == null) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        int channels = shape.length == 4 ? shape[channelsFirst ? 1 : 3] : -1;
        if (channels != 3 && (kind != null || channels != 1)) {
            config.problem("expects a batch of images (rank 4) of " + (kind == null ? "1 or " : "") + "3 channels, got "
                    + GeneralConfig.shapeText(shape));
            return List.of(t.unavailable());
        }
        if (channels == 1) {
            return List.of(new KTensor(x.value(), null));
        }
        return ConvTranslator.channelsLast(t, x, channelsFirst, 2, kind != null ? new ColorSpace(kind)
                : new Dense(3, 1, GRAY_WEIGHTS, null, Activation.of(Activation.Kind.LINEAR)));
    }
}
