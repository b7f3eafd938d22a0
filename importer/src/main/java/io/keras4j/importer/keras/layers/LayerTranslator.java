package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import java.util.List;

/** Turns one call of one Keras layer class into graph nodes. */
public interface LayerTranslator {
    /**
     * Reads and validates the layer's options and weights, emits its nodes, and returns its output
     * tensors in Keras order. Problems go to {@code config}; after a problem the translator still returns
     * plausible outputs so that later layers can be checked too.
     */
    List<KTensor> translate(LayerConfig config, Translation t);
}
