package io.keras4j.importer.keras;

import io.keras4j.importer.hdf5.Dataset;
import io.keras4j.importer.hdf5.Hdf5File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Weights of a Keras 3 {@code model.weights.h5}: layers sit under {@code layers/<name>}, where the name is
 * the snake-cased class name made unique by order ({@code lstm}, {@code lstm_1}); each object's own
 * variables are {@code vars/0, vars/1, ...}, and sub-objects (an RNN's {@code cell}, a wrapper's
 * {@code layer}, Bidirectional's {@code forward_layer} then {@code backward_layer}) follow as sub-groups.
 */
final class ArchiveWeights implements WeightStore {
    private final Hdf5File file;
    private final List<String> paths;

    /**
     * @param layers the model's layers in model order
     * @param root   the group that holds the layer groups: {@code /layers}, or a nested model's {@code .../layers}
     */
    /** Config class names of layers whose Python class, which names their group, is another (an exported alias). */
    private static final Map<String, String> PYTHON_CLASSES = Map.of("GroupQueryAttention", "GroupedQueryAttention");

    ArchiveWeights(Hdf5File file, List<LayerSpec> layers, String root) {
        this.file = file;
        this.paths = new ArrayList<>();
        Map<String, Integer> used = new HashMap<>();
        for (LayerSpec layer : layers) {
            if (layer.operation()) { // not among the model's layers, so not counted in their names
                paths.add(null);
                continue;
            }
            String base = snakeCase(PYTHON_CLASSES.getOrDefault(layer.className(), layer.className()));
            Integer n = used.get(base);
            used.put(base, n == null ? 0 : n + 1);
            paths.add(root + "/" + (n == null ? base : base + "_" + (n + 1)));
        }
    }

    @Override
    public List<Weight> weights(LayerSpec layer, int layerIndex) throws IOException {
        String path = paths.get(layerIndex);
        List<Weight> out = new ArrayList<>();
        if (path != null && file.isGroup(path)) {
            collect(path, out);
        }
        return out;
    }

    @Override
    public WeightStore nested(LayerSpec layer, int layerIndex, List<LayerSpec> innerLayers) {
        return new ArchiveWeights(file, innerLayers, paths.get(layerIndex) + "/layers");
    }

    /** Own vars in index order, then sub-objects: forward before backward, others by name. */
    private void collect(String group, List<Weight> out) throws IOException {
        String vars = group + "/vars";
        if (file.isGroup(vars)) {
            List<String> names = new ArrayList<>(file.children(vars));
            names.sort(Comparator.comparingInt(ArchiveWeights::index));
            for (String n : names) {
                Dataset d = file.dataset(vars + "/" + n);
                out.add(new Weight(vars.substring(1) + "/" + n, d.shape(), d.readFloats()));
            }
        }
        List<String> children = new ArrayList<>(file.children(group));
        children.remove("vars");
        children.sort(Comparator.comparing(ArchiveWeights::childOrder));
        for (String c : children) {
            if (file.isGroup(group + "/" + c)) {
                collect(group + "/" + c, out);
            }
        }
    }

    private static String childOrder(String name) {
        return name.equals("forward_layer") ? "0" : name.equals("backward_layer") ? "1" : "2" + name;
    }

    private static int index(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Keras' {@code to_snake_case}: {@code SimpleRNN} to {@code simple_rnn}, {@code Conv1D} to {@code conv1d}. */
    static String snakeCase(String className) {
        String s = className.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        s = s.replaceAll("([a-z])([A-Z])", "$1_$2");
        return s.toLowerCase(Locale.ROOT);
    }
}
