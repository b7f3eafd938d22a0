package io.keras4j.importer.keras;

import java.util.List;

/** Where a Keras file keeps each layer's weights. */
public interface WeightStore {
    /**
     * The weights of one layer in Keras order (trainable then non-trainable, as the layer created them;
     * for Bidirectional the forward layer's, then the backward layer's). Empty when the layer has none.
     *
     * @param layerIndex position of the layer in the model's layer list, the InputLayer included
     */
    List<Weight> weights(LayerSpec layer, int layerIndex) throws java.io.IOException;

    /** The weights of the layers of a model used as a layer ({@code layer}, at {@code layerIndex}). */
    WeightStore nested(LayerSpec layer, int layerIndex, List<LayerSpec> innerLayers) throws java.io.IOException;
}
