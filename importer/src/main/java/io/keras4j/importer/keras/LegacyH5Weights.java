package io.keras4j.importer.keras;

import io.keras4j.importer.hdf5.Dataset;
import io.keras4j.importer.hdf5.Hdf5File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Weights of a legacy HDF5 file (Keras 1, 2, tf.keras, Keras 3's {@code .h5} writer): the group named after
 * the layer holds attribute {@code weight_names}, whose order is the layer's weight order; each name is the
 * dataset's path relative to the group. Names are never parsed.
 */
final class LegacyH5Weights implements WeightStore {
    private final Hdf5File file;
    private final String root;
    /** The file's {@code layer_names}, null in the rare file without them. */
    private final List<String> layerNames;

    /** @param root the group holding the layer groups: {@code /model_weights}, or {@code /} for weights-only files */
    LegacyH5Weights(Hdf5File file, String root) throws IOException {
        this.file = file;
        this.root = root.endsWith("/") ? root : root + "/";
        this.layerNames = file.optionalStringListAttribute(root, "layer_names").orElse(null);
    }

    /**
     * A nested model's group lists all its layers' weights together, named by the name scopes they were created in
     * ({@code sequential/lstm/lstm_cell/kernel} belongs to layer {@code lstm}); each layer takes those in its scope.
     */
    @Override
    public WeightStore nested(LayerSpec layer, int layerIndex, List<LayerSpec> innerLayers) throws IOException {
        return new Scoped(weights(layer, layerIndex), innerLayers);
    }

    /** Whether a weight name such as {@code sequential/lstm/lstm_cell/kernel} lies in the scope of layer {@code name}. */
    private static boolean scopedBy(String path, String name) {
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The weights of a nested model, shared out among its layers by name scope. A model deeper down does not always
     * appear in the names: Keras 3 scopes a variable only by the model that built the layer (a Sequential given an
     * Input builds its layers in its own scope; a Functional model's layers are built before the model exists). So a
     * model deeper down takes every weight in its scope or in no sibling's scope, and its layers pick theirs by name.
     */
    private static final class Scoped implements WeightStore {
        private final List<Weight> all;
        private final List<LayerSpec> level;

        Scoped(List<Weight> all, List<LayerSpec> level) {
            this.all = all;
            this.level = level;
        }

        @Override
        public List<Weight> weights(LayerSpec inner, int innerIndex) {
            return all.stream().filter(w -> scopedBy(w.path(), inner.name())).toList();
        }

        @Override
        public WeightStore nested(LayerSpec inner, int innerIndex, List<LayerSpec> deeper) {
            List<String> siblings = level.stream().map(LayerSpec::name).filter(n -> !n.equals(inner.name())).toList();
            return new Scoped(all.stream()
                    .filter(w -> scopedBy(w.path(), inner.name())
                            || siblings.stream().noneMatch(s -> scopedBy(w.path(), s)))
                    .toList(), deeper);
        }
    }

    /**
     * The layer's group, found by the layer's name among {@code layer_names}, which is authoritative: other groups
     * ({@code top_level_model_weights}, {@code optimizer_weights} of a weights-only file) hold no layer.
     */
    @Override
    public List<Weight> weights(LayerSpec layer, int layerIndex) throws IOException {
        String group = root + layer.name();
        if (layerNames != null && !layerNames.contains(layer.name()) || !file.isGroup(group)) {
            return List.of();
        }
        List<String> names = file.optionalStringListAttribute(group, "weight_names").orElse(List.of());
        List<Weight> out = new ArrayList<>();
        for (String name : names) {
            Dataset d = file.dataset(group + "/" + name);
            out.add(new Weight(name, d.shape(), d.readFloats()));
        }
        return out;
    }
}
