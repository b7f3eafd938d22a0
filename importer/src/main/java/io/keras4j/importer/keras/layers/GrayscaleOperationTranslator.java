package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Dense;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.image.rgb_to_grayscale(images, data_format)} as its TensorFlow backend: a batch of images (rank
 * 4) of 3 channels becomes one channel, the sum of the channels times float32 0.2989, 0.5870 and 0.1140 (a Dense op of
 * one unit, without bias, over the channels); an image of 1 channel is kept as it is.
 */
final class GrayscaleOperationTranslator implements LayerTranslator {
    private static final float[] WEIGHTS = {0.2989f, 0.5870f, 0.1140f};

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        if (x == null) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        int channels = shape.length == 4 ? shape[channelsFirst ? 1 : 3] : -1;
        if (channels != 1 && channels != 3) {
            config.problem("expects a batch of images (rank 4) of 1 or 3 channels, got " + GeneralConfig.shapeText(shape));
            return List.of(t.unavailable());
        }
        return channels == 1 ? List.of(new KTensor(x.value(), null)) : ConvTranslator.channelsLast(t, x, channelsFirst, 2,
                new Dense(3, 1, WEIGHTS, null, Activation.of(Activation.Kind.LINEAR)));
    }
}
