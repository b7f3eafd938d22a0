package io.keras4j.importer.keras;

import java.util.List;
import java.util.Map;

/**
 * A Keras model config reduced to what translation needs: layers in model order (InputLayers included),
 * the model's input and output tensors, and the declared shape of each input layer.
 */
public record ParsedModel(List<LayerSpec> layers, List<TensorRef> inputs, List<TensorRef> outputs,
                          Map<String, int[]> inputShapes, boolean sequential) {
}
