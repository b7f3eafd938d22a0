package io.keras4j.importer.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.importer.ModelImportException;
import io.keras4j.importer.hdf5.Hdf5File;
import io.keras4j.runtime.graph.Graph;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reads Keras files: legacy HDF5 ({@code .h5}) and Keras 3 archives ({@code .keras}). */
public final class KerasImporter {
    /** Largest config.json or metadata.json accepted from an archive. */
    private static final long MAX_JSON_BYTES = 64L << 20;
    /** Largest weights file accepted from an archive (it is read into memory, never onto disk). */
    private static final long MAX_WEIGHTS_BYTES = Integer.MAX_VALUE - 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasImporter() {
    }

    /** Imports a legacy HDF5 model file (model_config attribute plus model_weights group). */
    public static Graph readH5(Hdf5File file, String name) throws IOException {
        {
            String config = file.stringAttribute("/", "model_config").orElse(null);
            if (config == null) {
                throw new ModelImportException(name, List.of("HDF5 file has no model_config attribute: it is a weights-only"
                        + " file, not a whole model saved with model.save()"));
            }
            String version = file.stringAttribute("/", "keras_version")
                    .or(() -> attributeOrEmpty(file, "/model_weights", "keras_version")).orElse(null);
            String backend = file.stringAttribute("/", "backend").orElse("");
            String weightsRoot = file.isGroup("/model_weights") ? "/model_weights" : "/";
            return build(name, parseJson(name, "model_config", config), KerasVersion.parse(version),
                    new LegacyH5Weights(file, weightsRoot), "keras-h5", backend, null);
        }
    }

    private static java.util.Optional<String> attributeOrEmpty(Hdf5File file, String object, String attr) {
        try {
            return file.isGroup(object) ? file.stringAttribute(object, attr) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Imports a Keras 3 {@code .keras} archive. Entries are read into memory; nothing is extracted to disk. */
    public static Graph readArchive(InputStream archive, String name) throws IOException {
        byte[] config = null;
        byte[] metadata = null;
        byte[] weights = null;
        try (ZipInputStream zip = new ZipInputStream(archive)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                switch (entry.getName()) {
                    case "config.json":
                        config = readLimited(zip, MAX_JSON_BYTES, name, entry.getName());
                        break;
                    case "metadata.json":
                        metadata = readLimited(zip, MAX_JSON_BYTES, name, entry.getName());
                        break;
                    case "model.weights.h5":
                        weights = readLimited(zip, MAX_WEIGHTS_BYTES, name, entry.getName());
                        break;
                    default:
                        break;
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new ModelImportException(name, "damaged zip archive: " + e.getMessage(), e);
        }
        if (config == null) {
            throw new ModelImportException(name, List.of("zip archive has no config.json: not a Keras .keras model"));
        }
        if (weights == null) {
            throw new ModelImportException(name, List.of("archive has no model.weights.h5 (npz and sharded weights are not supported)"));
        }
        String version = null;
        if (metadata != null) {
            version = parseJson(name, "metadata.json", new String(metadata, java.nio.charset.StandardCharsets.UTF_8))
                    .path("keras_version").asText(null);
        }
        JsonNode model = parseJson(name, "config.json", new String(config, java.nio.charset.StandardCharsets.UTF_8));
        try (Hdf5File file = Hdf5File.open(weights, name + "!model.weights.h5")) {
            return build(name, model, KerasVersion.parse(version), null, "keras-archive", "", file);
        }
    }

    private static Graph build(String name, JsonNode model, KerasVersion version, WeightStore legacy, String format,
                               String backend, Hdf5File archiveWeights) throws IOException {
        Problems problems = new Problems();
        ParsedModel parsed = ModelConfigParser.parse(model, problems);
        Graph graph = null;
        if (parsed != null) {
            WeightStore store = legacy != null ? legacy : new ArchiveWeights(archiveWeights, parsed.layers(), "/layers");
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("format", format);
            metadata.put("keras_version", version.text());
            if (!backend.isEmpty()) {
                metadata.put("backend", backend);
            }
            graph = new GraphBuilder(parsed, version, store, problems).build(metadata);
        }
        if (graph == null) {
            throw new ModelImportException(name, problems.list());
        }
        return graph;
    }

    private static JsonNode parseJson(String file, String what, String text) throws ModelImportException {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new ModelImportException(file, List.of(what + " is not a JSON object"));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ModelImportException(file, what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] readLimited(InputStream in, long limit, String file, String entry) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > limit) {
                throw new ModelImportException(file, List.of("archive entry " + entry + " inflates to more than " + limit
                        + " bytes, more than keras4j accepts"));
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
