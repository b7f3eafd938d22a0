package io.keras4j.importer.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.importer.Heap;
import io.keras4j.importer.ImportOptions;
import io.keras4j.importer.ModelImportException;
import io.keras4j.importer.hdf5.Hdf5File;
import io.keras4j.runtime.graph.Graph;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reads Keras files: legacy HDF5 ({@code .h5}) and Keras 3 archives ({@code .keras}). */
public final class KerasImporter {
    /** Largest config.json or metadata.json accepted from an archive. */
    private static final long MAX_JSON_BYTES = 64L << 20;
    /** Largest weights file accepted from an archive (it is read into memory, never onto disk). */
    private static final long MAX_WEIGHTS_BYTES = Integer.MAX_VALUE - 8;
    /** How many times its own size an archive may inflate to, all entries together. */
    private static final long MAX_INFLATION = 100;
    /** The entries read; others are inflated (within the limits) and dropped. */
    private static final java.util.Set<String> ENTRIES = java.util.Set.of("config.json", "metadata.json",
            "model.weights.h5");
    /** Deepest nesting of arrays and objects accepted in JSON; Keras configs nest a few dozen levels at most. */
    private static final int MAX_JSON_DEPTH = 200;
    /** Reads Python's json: NaN and Infinity, which it writes for such floats (Masking(mask_value=nan)), are numbers. */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_JSON_DEPTH).build()).build());

    private KerasImporter() {
    }

    /** Imports a legacy HDF5 model file (model_config attribute plus model_weights group) as {@code options} say. */
    public static Graph readH5(Hdf5File file, String name, ImportOptions options) throws IOException {
        String config = file.stringAttribute("/", "model_config").orElse(null);
        if (config == null) {
            throw new ModelImportException(name, List.of("HDF5 file has no model_config attribute: it is a weights-only"
                    + " file (model.save_weights()), which needs the model's config as well (model.to_json(), the"
                    + " --config option of the command line)"));
        }
        return readWeights(file, name, parseJson(name, "model_config", config), attribute(file, "keras_version"),
                attribute(file, "backend"), options);
    }

    /**
     * Imports a model from a JSON config ({@code model.to_json()}: {@code {"class_name", "config", "keras_version"?}})
     * and an HDF5 file holding its weights: a weights-only file from {@code save_weights} (Keras 1, 2, tf.keras, or
     * Keras 3's {@code .weights.h5}) or a whole-model file, whose own config is then not used. The Keras version that
     * decides version-dependent meanings is the config's ({@code keras_version}, which Keras 1.2 to 2.x and tf.keras
     * write), else the weights file's, else Keras 3 for a Keras 3 config (which carries {@code module} keys but no
     * version), else Keras 1.
     *
     * @param name used in messages
     */
    public static Graph readH5(Hdf5File weights, String configJson, String name, ImportOptions options)
            throws IOException {
        JsonNode model = parseJson(name, "model config JSON", configJson);
        String version = model.path("keras_version").isTextual() ? model.path("keras_version").asText()
                : attribute(weights, "keras_version");
        if (version == null && model.has("module")) {
            version = "3 (a Keras 3 config without keras_version)";
        }
        String backend = model.path("backend").isTextual() ? model.path("backend").asText() : attribute(weights, "backend");
        return readWeights(weights, name, model, version, backend, options);
    }

    private static Graph readWeights(Hdf5File file, String name, JsonNode model, String version, String backend,
                                     ImportOptions options) throws IOException {
        KerasVersion v = KerasVersion.parse(version);
        String b = backend == null ? "" : backend;
        if (file.isGroup("/model_weights")) {
            return build(name, model, v, new LegacyH5Weights(file, "/model_weights"), "keras-h5", b, null, options);
        }
        if (file.optionalStringListAttribute("/", "layer_names").isPresent()) {
            return build(name, model, v, new LegacyH5Weights(file, "/"), "keras-h5-weights", b, null, options);
        }
        if (file.isGroup("/layers")) {
            return build(name, model, v, null, "keras-weights-h5", b, file, options);
        }
        throw new ModelImportException(name, List.of("HDF5 file holds no Keras weights (no model_weights group, no"
                + " layer_names attribute, no layers group)"));
    }

    /** A root attribute of a legacy file, or of its model_weights group (where Keras 2 also writes it), or null. */
    private static String attribute(Hdf5File file, String attr) throws IOException {
        Optional<String> v = file.stringAttribute("/", attr);
        if (v.isEmpty() && file.isGroup("/model_weights")) {
            v = file.stringAttribute("/model_weights", attr);
        }
        return v.orElse(null);
    }

    /**
     * Imports a Keras 3 {@code .keras} archive of {@code archiveBytes} bytes. Entries are read into memory and nothing
     * is extracted to disk. All entries together may inflate to {@value #MAX_INFLATION} times the archive (plus 1 MiB)
     * and to a third of the free heap, so a zip bomb is refused before its content is held; entries named outside the
     * archive (absolute, or with {@code ..}) and repeated entries are refused too. {@code options} as for
     * {@link #readH5(Hdf5File, String, ImportOptions)}.
     */
    public static Graph readArchive(InputStream archive, long archiveBytes, String name, ImportOptions options)
            throws IOException {
        Map<String, byte[]> entries = new java.util.HashMap<>();
        long budget = Math.min(MAX_INFLATION * archiveBytes + (1 << 20), Heap.budget());
        try (ZipInputStream zip = new ZipInputStream(archive)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String entryName = checkEntryName(name, entry.getName(), entries);
                boolean wanted = ENTRIES.contains(entryName) || ArchiveWeights.isVocabulary(entryName);
                long limit = Math.min(budget, entryName.endsWith(".json") ? MAX_JSON_BYTES : MAX_WEIGHTS_BYTES);
                java.io.ByteArrayOutputStream content = wanted ? new java.io.ByteArrayOutputStream() : null;
                budget -= inflate(zip, entry.getSize(), limit, content, name, entryName);
                entries.put(entryName, wanted ? content.toByteArray() : null);
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new ModelImportException(name, "damaged zip archive: "
                    + (e.getMessage() == null ? "it ends too early" : e.getMessage()), e);
        } catch (IllegalArgumentException e) { // from ZipInputStream's decoding of an entry name
            throw new ModelImportException(name, "damaged zip archive: an entry name is not valid UTF-8", e);
        }
        byte[] config = entries.get("config.json");
        byte[] metadata = entries.get("metadata.json");
        byte[] weights = entries.get("model.weights.h5");
        if (config == null) {
            throw new ModelImportException(name, List.of("zip archive has no config.json: not a Keras .keras model"));
        }
        if (weights == null) {
            throw new ModelImportException(name, List.of("archive has no model.weights.h5 (npz and sharded weights are not supported)"));
        }
        String version = "3 (no keras_version in the archive)";
        if (metadata != null) {
            version = parseJson(name, "metadata.json", new String(metadata, java.nio.charset.StandardCharsets.UTF_8))
                    .path("keras_version").asText(version);
        }
        JsonNode model = parseJson(name, "config.json", new String(config, java.nio.charset.StandardCharsets.UTF_8));
        Map<String, byte[]> vocabularies = new java.util.HashMap<>();
        entries.forEach((entry, content) -> {
            if (content != null && ArchiveWeights.isVocabulary(entry)) {
                vocabularies.put(entry, content);
            }
        });
        try (Hdf5File file = Hdf5File.open(weights, name + "!model.weights.h5")) {
            return build(name, model, KerasVersion.parse(version), null, "keras-archive", "", file, vocabularies, options);
        }
    }

    private static Graph build(String name, JsonNode model, KerasVersion version, WeightStore legacy, String format,
                               String backend, Hdf5File archiveWeights, ImportOptions options) throws IOException {
        return build(name, model, version, legacy, format, backend, archiveWeights, Map.of(), options);
    }

    private static Graph build(String name, JsonNode model, KerasVersion version, WeightStore legacy, String format,
                               String backend, Hdf5File archiveWeights, Map<String, byte[]> vocabularies,
                               ImportOptions options) throws IOException {
        try {
            return buildChecked(name, model, version, legacy, format, backend, archiveWeights, vocabularies, options);
        } catch (RuntimeException | StackOverflowError e) { // the last guard against a config nobody anticipated
            throw new ModelImportException(name, "malformed model config (" + e + ")", e);
        }
    }

    private static Graph buildChecked(String name, JsonNode model, KerasVersion version, WeightStore legacy,
                                      String format, String backend, Hdf5File archiveWeights,
                                      Map<String, byte[]> vocabularies, ImportOptions options) throws IOException {
        Problems problems = new Problems();
        ParsedModel parsed = ModelConfigParser.parse(model, problems);
        Graph graph = null;
        if (parsed != null) {
            WeightStore store = legacy != null ? legacy
                    : new ArchiveWeights(archiveWeights, parsed.layers(), "/layers", vocabularies);
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("format", format);
            metadata.put("keras_version", version.text());
            if (!backend.isEmpty()) {
                metadata.put("backend", backend);
            }
            graph = new GraphBuilder(parsed, version, store, problems, options.mixedPrecisionInFloat32()).build(metadata);
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

    /**
     * Inflates one entry into {@code out} (or nowhere, to skip it) and returns its size.
     *
     * @throws ModelImportException when it declares or inflates to more than {@code limit} bytes
     */
    private static long inflate(InputStream in, long declared, long limit, java.io.OutputStream out, String file,
                                String entry) throws IOException {
        long total = declared > limit ? declared : 0;
        byte[] buf = new byte[1 << 16];
        int n;
        while (total <= limit && (n = in.read(buf)) != -1) {
            total += n;
            if (out != null && total <= limit) {
                out.write(buf, 0, n);
            }
        }
        if (total > limit) {
            throw new ModelImportException(file, List.of("archive entry " + entry + " inflates to more than " + limit
                    + " bytes, more than keras4j accepts from this archive (at most " + MAX_INFLATION + " times the"
                    + " archive's size for all entries, " + MAX_JSON_BYTES + " bytes of JSON, a third of the free"
                    + " heap): a zip bomb or a damaged archive"));
        }
        return total;
    }

    /** The entry name, unless it names a place outside the archive or repeats an entry. */
    private static String checkEntryName(String file, String entry, Map<String, byte[]> seen)
            throws ModelImportException {
        String slashed = entry.replace('\\', '/');
        boolean escapes = slashed.startsWith("/") || slashed.matches("^[A-Za-z]:.*")
                || java.util.Arrays.asList(slashed.split("/")).contains("..");
        if (escapes || entry.indexOf('\0') >= 0) {
            throw new ModelImportException(file, List.of("archive entry '" + entry + "' names a path outside the"
                    + " archive (absolute, or with ..): a hostile archive, refused (keras4j extracts nothing)"));
        }
        if (seen.containsKey(entry)) {
            throw new ModelImportException(file, List.of("archive entry '" + entry + "' appears twice: a damaged or"
                    + " hostile archive"));
        }
        return entry;
    }
}
