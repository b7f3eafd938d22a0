package io.keras4j.importer.keras;

import io.keras4j.importer.hdf5.Dataset;
import io.keras4j.importer.hdf5.Hdf5File;
import io.keras4j.runtime.ops.primitive.IndexLookup;
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
    private final Map<String, byte[]> vocabularies;
    private final List<String> paths;

    /** Config class names of layers whose Python class, which names their group, is another (an exported alias). */
    private static final Map<String, String> PYTHON_CLASSES = Map.of("GroupQueryAttention", "GroupedQueryAttention");

    /**
     * @param layers       the model's layers in model order
     * @param root         the group that holds the layer groups: {@code /layers}, or a nested model's {@code .../layers}
     * @param vocabularies the archive's {@code assets/.../vocabulary.txt} entries (a lookup layer's adapted vocabulary,
     *                     one token per line), by entry name
     */
    ArchiveWeights(Hdf5File file, List<LayerSpec> layers, String root, Map<String, byte[]> vocabularies) {
        this.file = file;
        this.vocabularies = vocabularies;
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
        Weight vocabulary = path == null ? null : vocabulary(path);
        if (vocabulary != null) {
            out.add(vocabulary);
        }
        return out;
    }

    @Override
    public WeightStore nested(LayerSpec layer, int layerIndex, List<LayerSpec> innerLayers) {
        return new ArchiveWeights(file, innerLayers, paths.get(layerIndex) + "/layers", vocabularies);
    }

    /** Whether an archive entry is a lookup layer's vocabulary asset. */
    static boolean isVocabulary(String entry) {
        return entry.startsWith("assets/") && entry.endsWith("/vocabulary.txt");
    }

    /**
     * The layer's vocabulary asset as a weight of its integer tokens in order (its path the entry's), or null where it has
     * none or a line is not an integer (a StringLookup's); an error for a token float32 cannot hold exactly.
     */
    private Weight vocabulary(String path) throws IOException {
        String entry = "assets" + path + "/vocabulary.txt";
        byte[] text = vocabularies.get(entry);
        if (text == null) {
            return null;
        }
        List<String> lines = new ArrayList<>(List.of(new String(text, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // as Keras' load_assets drops trailing empty lines
        }
        float[] tokens = new float[lines.size()];
        for (int i = 0; i < tokens.length; i++) {
            try {
                long v = Long.parseLong(lines.get(i).trim());
                tokens[i] = v;
                if (Math.abs(v) > IndexLookup.MAX_ID) {
                    throw new IOException(entry + ": vocabulary token " + v + " lies beyond 2^24, where float32 values,"
                            + " which keras4j computes with, cannot tell ids apart");
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return new Weight(entry, new long[] {tokens.length}, tokens);
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
