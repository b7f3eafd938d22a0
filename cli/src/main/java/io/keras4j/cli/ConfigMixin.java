package io.keras4j.cli;

import io.keras4j.importer.ImportOptions;
import io.keras4j.importer.ModelImporter;
import io.keras4j.runtime.graph.Graph;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config}: the JSON config of a model file that holds only weights. */
final class ConfigMixin {
    @Option(names = "--config", paramLabel = "JSON",
            description = "The model's config (model.to_json()) when MODEL holds only weights (model.save_weights()).")
    Path config;

    /** Reads {@code model}, with the config when one was given. */
    Graph readGraph(Path model, ImportOptions options) throws IOException {
        return config == null ? ModelImporter.readGraph(model, options) : ModelImporter.readGraph(model, config, options);
    }
}
