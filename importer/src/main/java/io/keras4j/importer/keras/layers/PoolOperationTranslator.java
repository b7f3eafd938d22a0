package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.max_pool(x, pool_size, strides, padding, data_format)} and {@code keras.ops.average_pool}:
 * the pooling layer of x's spatial rank (MaxPooling1D to 3D, AveragePooling1D to 3D), which Keras computes with the same
 * TensorFlow function and whose options these are.
 */
final class PoolOperationTranslator implements LayerTranslator {
    /** The translators of the layers over one, two and three spatial axes. */
    private final List<LayerTranslator> layers;

    PoolOperationTranslator(boolean max) {
        layers = List.of(new Pooling1DTranslator(max), new PoolingTranslator(max, 2), new PoolingTranslator(max, 3));
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        config.readLater("pool_size", "strides", "padding", "data_format");
        KTensor x = OperationArguments.single(config, t);
        int rank = x == null ? -1 : t.shape(x.value()).length;
        if (x != null && (rank < 3 || rank > 5)) {
            config.problem("expects an input of rank 3, 4 or 5 (1 to 3 spatial axes), got "
                    + GeneralConfig.shapeText(t.shape(x.value())));
        }
        return rank < 3 || rank > 5 ? List.of(t.unavailable()) : layers.get(rank - 3).translate(config, t);
    }
}
