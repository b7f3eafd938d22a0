package io.keras4j.importer.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.importer.ModelImportException;
import io.keras4j.importer.ModelImporter;
import io.keras4j.importer.hdf5.Hdf5File;
import io.keras4j.importer.keras.GraphBuilder;
import io.keras4j.importer.keras.KerasVersion;
import io.keras4j.importer.keras.LayerSpec;
import io.keras4j.importer.keras.ModelConfigParser;
import io.keras4j.importer.keras.ParsedModel;
import io.keras4j.importer.keras.Problems;
import io.keras4j.importer.keras.WeightStore;
import io.keras4j.importer.keras.layers.Translators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every Keras model in the real-world corpus either imports or is refused with a message that names the layer
 * class or option at fault; nothing crashes. Whole-model {@code .h5} files are imported alone, weights-only files
 * ({@code X_weights.h5}) with their config ({@code X_config.json}), and configs without weights are parsed and
 * translated as far as the missing weights allow. What a file should do is decided from its own config, not from
 * a list of names: a model is expected to import exactly when every layer class in it (wrapped and nested ones
 * included) is one keras4j supports.
 */
class RealWorldImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MODELS = Set.of("Sequential", "Model", "Functional");

    /**
     * IMPORTED: the model imports. REFUSED: refused with problems that each name a class or option. CONFIG_PARSED: a
     * config without weights that parses and translates as far as weights allow. NO_CONFIG: a weights-only file with no
     * config next to it, refused as such. CRASHED: anything else.
     */
    enum Outcome { IMPORTED, REFUSED, CONFIG_PARSED, NO_CONFIG, CRASHED }

    private record Row(String file, Outcome outcome, String message, boolean expectedToImport) {
    }

    @Test
    void everyKerasModelImportsOrIsRefusedWithASpecificMessage() throws IOException {
        Path root = RealWorld.root();
        List<Row> rows = new ArrayList<>();
        Set<Path> pairedConfigs = new TreeSet<>();
        for (Path h5 : RealWorld.files(root, ".h5")) {
            if (h5.getFileName().toString().endsWith("_inputs_and_outputs.h5")) {
                continue;
            }
            String name = RealWorld.relative(root, h5);
            JsonNode config;
            Path configFile = null;
            try (Hdf5File file = Hdf5File.open(h5)) {
                config = file.stringAttribute("/", "model_config").map(RealWorldImportTest::parse).orElse(null);
            }
            if (config == null) {
                configFile = h5.resolveSibling(h5.getFileName().toString().replace("_weights.h5", "_config.json"));
                if (Files.exists(configFile) && !configFile.equals(h5)) {
                    pairedConfigs.add(configFile);
                    config = parse(Files.readString(configFile));
                    name += " + " + configFile.getFileName();
                } else {
                    configFile = null;
                }
            }
            boolean supported = config != null && unsupported(config).isEmpty();
            Path weights = h5;
            Path cfg = configFile;
            rows.add(run(name, supported, () -> {
                if (cfg != null) {
                    ModelImporter.readGraph(weights, cfg);
                } else {
                    ModelImporter.readGraph(weights);
                }
            }));
        }
        for (Path json : RealWorld.files(root, ".json")) {
            JsonNode config = parse(Files.readString(json));
            if (pairedConfigs.contains(json) || !config.has("class_name") || !config.has("config")) {
                continue;
            }
            rows.add(configOnly(RealWorld.relative(root, json), config));
        }
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        System.out.println("Real-world Keras models: file | outcome | message");
        for (Row r : rows) {
            counts.merge(r.outcome(), 1, Integer::sum);
            System.out.printf("  %-95s %-13s %s%n", r.file(), r.outcome(), r.message());
        }
        System.out.println("  counts: " + counts);
        int expectedRefusals = (int) rows.stream().filter(r -> !r.expectedToImport()).count();
        Set<Outcome> imported = Set.of(Outcome.IMPORTED, Outcome.CONFIG_PARSED);
        List<Row> wrong = rows.stream().filter(r -> r.outcome() == Outcome.CRASHED
                || r.expectedToImport() != imported.contains(r.outcome())).toList();
        assertTrue(wrong.isEmpty(), "unexpected outcomes:\n" + String.join("\n", wrong.stream().map(Row::toString).toList()));
        assertEquals(0, (int) counts.get(Outcome.CRASHED));
        assertEquals(expectedRefusals, counts.get(Outcome.REFUSED) + counts.get(Outcome.NO_CONFIG));
        assertEquals(rows.size() - expectedRefusals, counts.get(Outcome.IMPORTED) + counts.get(Outcome.CONFIG_PARSED));
        assertFalse(rows.isEmpty(), "no Keras models under " + root);
    }

    private interface Import {
        void run() throws IOException;
    }

    /** Runs one import; a refusal must name a layer class or an option, anything else is a crash. */
    private static Row run(String name, boolean supported, Import importer) {
        try {
            importer.run();
            return new Row(name, Outcome.IMPORTED, "", supported);
        } catch (ModelImportException e) {
            if (e.getMessage().contains("it is a weights-only file")) {
                return new Row(name, Outcome.NO_CONFIG, e.getMessage(), supported);
            }
            boolean specific = e.problems().stream().allMatch(RealWorldImportTest::specific);
            return new Row(name, specific ? Outcome.REFUSED : Outcome.CRASHED, e.getMessage(), supported);
        } catch (Exception | StackOverflowError e) {
            return new Row(name, Outcome.CRASHED, e.toString(), supported);
        }
    }

    /**
     * A config without weights: parsed and translated with no weights, which stops each path at its first layer with
     * weights. Problems other than the missing weights are refusals.
     */
    private static Row configOnly(String name, JsonNode config) {
        boolean supported = unsupported(config).isEmpty();
        Problems problems = new Problems();
        try {
            ParsedModel parsed = ModelConfigParser.parse(config, problems);
            if (parsed != null) {
                new GraphBuilder(parsed, KerasVersion.parse(config.path("keras_version").asText(null)), NO_WEIGHTS, problems, false)
                        .build(Map.of());
            }
        } catch (Exception | StackOverflowError e) {
            return new Row(name, Outcome.CRASHED, e.toString(), supported);
        }
        List<String> real = problems.list().stream().filter(p -> !p.contains("but the file holds 0")).toList();
        if (real.isEmpty()) {
            return new Row(name, Outcome.CONFIG_PARSED, "no weights in the corpus", supported);
        }
        boolean specific = real.stream().allMatch(RealWorldImportTest::specific);
        return new Row(name, specific ? Outcome.REFUSED : Outcome.CRASHED, String.join("; ", real), supported);
    }

    /** Whether a problem names what is at fault: a layer or model class, or an option. */
    private static boolean specific(String problem) {
        return problem.contains("layer class ") || problem.contains("model class ") || problem.contains("option ");
    }

    private static final WeightStore NO_WEIGHTS = new WeightStore() {
        @Override
        public List<io.keras4j.importer.keras.Weight> weights(LayerSpec layer, int layerIndex) {
            return List.of();
        }

        @Override
        public WeightStore nested(LayerSpec layer, int layerIndex, List<LayerSpec> innerLayers) {
            return this;
        }
    };

    /**
     * The model class, if keras4j does not support it, and the layer classes of a model config (wrapped layers and
     * nested models included) that keras4j does not support.
     */
    static Set<String> unsupported(JsonNode model) {
        Set<String> out = new TreeSet<>();
        if (!MODELS.contains(model.path("class_name").asText())) {
            out.add(model.path("class_name").asText());
            return out;
        }
        JsonNode config = model.path("config");
        for (JsonNode layer : config.isArray() ? config : config.path("layers")) {
            String cls = layer.path("class_name").asText();
            if (MODELS.contains(cls)) {
                out.addAll(unsupported(layer));
            } else if (!"InputLayer".equals(cls) && Translators.forClass(cls) == null) {
                out.add(cls);
            }
            for (String wrapped : List.of("layer", "backward_layer")) {
                JsonNode inner = layer.path("config").path(wrapped);
                if (inner.isObject()) {
                    out.addAll(unsupported(JSON.createObjectNode().put("class_name", "Sequential")
                            .set("config", JSON.createArrayNode().add(inner))));
                }
            }
        }
        return out;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + e.getMessage(), e);
        }
    }
}
