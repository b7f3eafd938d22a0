package io.keras4j.importer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * A layer as the model config describes it.
 *
 * @param name      the layer's name
 * @param className the Keras class, for example {@code LSTM}
 * @param config    the layer's {@code config} object
 * @param calls     the layer's applications in the model, in node-index order
 * @param operation whether this is a Keras 3 operation node ({@code keras.ops.add}, {@code x[:, -1]}, ...) rather than
 *                  a layer: its class is an operation's ({@code Add}, {@code GetItem}) and it has no weights
 */
public record LayerSpec(String name, String className, JsonNode config, List<LayerCall> calls, boolean operation) {
    private static final Set<String> MODEL_CLASSES = Set.of("Sequential", "Functional", "Model", "Pipeline");

    /** A layer (not an operation). */
    public LayerSpec(String name, String className, JsonNode config, List<LayerCall> calls) {
        this(name, className, config, calls, false);
    }

    public LayerSpec {
        calls = List.copyOf(calls);
    }

    /** Whether this layer is a model used as a layer (Sequential or Functional), or a Pipeline, which runs as a Sequential. */
    public boolean isModel() {
        return !operation && MODEL_CLASSES.contains(className);
    }
}
