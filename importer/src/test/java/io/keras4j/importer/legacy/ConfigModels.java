package io.keras4j.importer.legacy;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.importer.hdf5.Dataset;
import io.keras4j.importer.hdf5.Hdf5File;
import io.keras4j.importer.keras.GraphBuilder;
import io.keras4j.importer.keras.KerasVersion;
import io.keras4j.importer.keras.LayerSpec;
import io.keras4j.importer.keras.ModelConfigParser;
import io.keras4j.importer.keras.ParsedModel;
import io.keras4j.importer.keras.Problems;
import io.keras4j.importer.keras.Weight;
import io.keras4j.importer.keras.WeightStore;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.graph.Graph;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Models built from a config written in a test and weights given by layer name, as a file's importer would. */
final class ConfigModels {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigModels() {
    }

    /** The model, asserting that the import reports no problem. */
    static Model build(String config, String kerasVersion, Map<String, List<Weight>> weights) throws IOException {
        Problems problems = new Problems();
        Graph graph = graph(config, kerasVersion, weights, problems);
        assertTrue(problems.isEmpty(), problems.list().toString());
        assertNotNull(graph);
        return Model.of(graph);
    }

    /** The problems of an import that must fail. */
    static List<String> problems(String config, String kerasVersion, Map<String, List<Weight>> weights) throws IOException {
        Problems problems = new Problems();
        assertNull(graph(config, kerasVersion, weights, problems));
        return problems.list();
    }

    /** A weight read from an HDF5 dataset. */
    static Weight weight(Hdf5File h5, String path) throws IOException {
        Dataset d = h5.dataset(path);
        return new Weight(path, d.shape(), d.readFloats());
    }

    private static Graph graph(String config, String kerasVersion, Map<String, List<Weight>> weights, Problems problems)
            throws IOException {
        ParsedModel parsed = ModelConfigParser.parse(JSON.readTree(config), problems);
        assertNotNull(parsed, problems.list().toString());
        WeightStore store = new WeightStore() {
            @Override
            public List<Weight> weights(LayerSpec layer, int layerIndex) {
                return weights.getOrDefault(layer.name(), List.of());
            }

            @Override
            public WeightStore nested(LayerSpec layer, int layerIndex, List<LayerSpec> innerLayers) {
                throw new UnsupportedOperationException("no nested models here");
            }
        };
        return new GraphBuilder(parsed, KerasVersion.parse(kerasVersion), store, problems, false).build(Map.of());
    }
}
