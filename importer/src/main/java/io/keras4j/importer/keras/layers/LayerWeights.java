package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.importer.keras.Weight;
import java.util.Arrays;
import java.util.List;

/** Checks a layer's stored weights against what its config implies. */
final class LayerWeights {
    private LayerWeights() {
    }

    /** Whether the layer stores exactly {@code expected} arrays; records a problem otherwise. */
    static boolean count(LayerConfig config, List<Weight> weights, int expected, String names) {
        if (weights.size() != expected) {
            var lora = config.raw("lora_rank");
            boolean unmergedLora = lora != null && lora.isInt() && lora.asInt() > 0 && weights.size() > expected;
            config.problem("expected " + expected + " weight arrays (" + names + ") but the file holds " + weights.size()
                    + (weights.isEmpty() ? "" : ": " + weights.stream().map(w -> w.path() + w.shapeText()).toList())
                    + (unmergedLora ? " (with lora_rank=" + lora + " the file holds the LoRA factors apart, which keras4j"
                    + " does not merge; a .keras file holds the merged kernel)" : ""));
            return false;
        }
        return true;
    }

    /** The values of weight {@code index} if its shape is {@code shape}; records a problem and returns null otherwise. */
    static float[] take(LayerConfig config, List<Weight> weights, int index, String name, long... shape) {
        Weight w = weights.get(index);
        if (!w.hasShape(shape)) {
            config.problem(name + " '" + w.path() + "' has shape " + w.shapeText() + " but the config implies "
                    + Arrays.toString(shape).replace('[', '(').replace(']', ')'));
            return null;
        }
        return w.values();
    }
}
