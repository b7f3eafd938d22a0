package io.keras4j.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.Session;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A test case folder: one model file ({@code model.h5} or {@code model.keras}), inputs {@code input_<i>.npy},
 * expected outputs {@code output_<i>.npy} computed by Keras, and an optional {@code case.json} with a
 * description and a tolerance ({@code {"tolerance": {"atol": 1e-5, "rtol": 1e-5}}}). A stateful model may be
 * called several times without reset ({@code "calls": n}); call k ≥ 1 reads {@code call<k>_input_<i>.npy}
 * and expects {@code call<k>_output_<i>.npy}. The import options the outputs need are in {@code "import_options":
 * {"mixed_precision_in_float32": true}} (see {@link ImportOptions#withMixedPrecisionInFloat32}).
 */
public final class CaseFolder {
    /** Default absolute and relative tolerance: |got - want| <= 1e-5 + 1e-5·|want|. */
    public static final double DEFAULT_TOLERANCE = 1e-5;

    private final Path dir;
    private final Path model;
    private final List<List<Tensor>> inputs;
    private final List<List<Tensor>> outputs;
    private final double atol;
    private final double rtol;
    private final String description;
    /** Whether case.json's import options turn {@link ImportOptions#mixedPrecisionInFloat32()} on. */
    private final boolean mixedPrecisionInFloat32;

    private CaseFolder(Path dir, Path model, List<List<Tensor>> inputs, List<List<Tensor>> outputs, double atol, double rtol,
                       String description, boolean mixedPrecisionInFloat32) {
        this.dir = dir;
        this.model = model;
        this.inputs = inputs;
        this.outputs = outputs;
        this.atol = atol;
        this.rtol = rtol;
        this.description = description;
        this.mixedPrecisionInFloat32 = mixedPrecisionInFloat32;
    }

    /** Reads a case folder. */
    public static CaseFolder open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a case folder (a directory with a model file, input_0.npy and output_0.npy)");
        }
        Path json = dir.resolve("case.json");
        JsonNode meta = Files.exists(json) ? readJson(json) : new ObjectMapper().createObjectNode();
        Path model;
        if (meta.hasNonNull("model")) {
            model = dir.resolve(meta.get("model").asText());
        } else {
            try (Stream<Path> files = Files.list(dir)) {
                model = files.filter(p -> p.getFileName().toString().startsWith("model."))
                        .filter(p -> !p.getFileName().toString().endsWith(".json")).sorted().findFirst()
                        .orElseThrow(() -> new IOException(dir + ": no model file (model.h5, model.keras, model.onnx, model.k4j) in the case folder"));
            }
        }
        List<List<Tensor>> inputs = new ArrayList<>();
        List<List<Tensor>> outputs = new ArrayList<>();
        int calls = meta.path("calls").asInt(1);
        for (int k = 0; k < calls; k++) {
            String prefix = k == 0 ? "" : "call" + k + "_";
            inputs.add(readSeries(dir, prefix + "input_"));
            outputs.add(readSeries(dir, prefix + "output_"));
            if (inputs.get(k).isEmpty() || outputs.get(k).isEmpty()) {
                throw new IOException(dir + ": a case folder needs " + prefix + "input_0.npy and " + prefix + "output_0.npy");
            }
        }
        JsonNode tol = meta.path("tolerance");
        double atol = tol.path("atol").asDouble(DEFAULT_TOLERANCE);
        double rtol = tol.path("rtol").asDouble(DEFAULT_TOLERANCE);
        if (!(atol >= 0 && rtol >= 0 && Double.isFinite(atol + rtol))) {
            throw new IOException(json + ": tolerance atol " + atol + " and rtol " + rtol + " must be finite and not negative");
        }
        return new CaseFolder(dir, model, inputs, outputs, atol, rtol, meta.path("description").asText(""),
                mixedPrecisionInFloat32(json, meta.path("import_options")));
    }

    /** case.json's {@code import_options}: an object whose only key may be {@code mixed_precision_in_float32}. */
    private static boolean mixedPrecisionInFloat32(Path json, JsonNode options) throws IOException {
        if (options.isMissingNode()) {
            return false;
        }
        if (!options.isObject()) {
            throw new IOException(json + ": import_options=" + options + " must be an object");
        }
        java.util.Iterator<String> keys = options.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!key.equals("mixed_precision_in_float32") || !options.get(key).isBoolean()) {
                throw new IOException(json + ": import option " + key + "=" + options.get(key) + " is not supported"
                        + " (keras4j knows mixed_precision_in_float32: true or false)");
            }
        }
        return options.path("mixed_precision_in_float32").asBoolean(false);
    }

    /** case.json, as Python's json module writes it (NaN and Infinity included, as in a float64 check's figures). */
    private static JsonNode readJson(Path json) throws IOException {
        try {
            return JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(json.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(json + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static List<Tensor> readSeries(Path dir, String prefix) throws IOException {
        List<Tensor> list = new ArrayList<>();
        for (int i = 0; Files.exists(dir.resolve(prefix + i + ".npy")); i++) {
            list.add(Npy.read(dir.resolve(prefix + i + ".npy")));
        }
        return list;
    }

    public Path dir() {
        return dir;
    }

    public Path model() {
        return model;
    }

    /** The inputs of the first call, in model input order. */
    public List<Tensor> inputs() {
        return inputs.get(0);
    }

    /** The inputs of call {@code call}, in model input order. */
    public List<Tensor> inputs(int call) {
        return inputs.get(call);
    }

    /** Keras' outputs of the first call, in model output order. */
    public List<Tensor> outputs() {
        return outputs.get(0);
    }

    /** How many times the model is called (without reset, for stateful models). */
    public int calls() {
        return inputs.size();
    }

    /** Keras' outputs of call {@code k}. */
    public List<Tensor> outputs(int call) {
        return outputs.get(call);
    }

    /**
     * Runs the model on every call's inputs: a model with stateful layers through one session, so states
     * carry from call to call as in Keras; others with independent predictions.
     */
    public List<Tensor[]> run(Model model) {
        Session session = model.isStateful() ? model.newSession() : null;
        List<Tensor[]> results = new ArrayList<>();
        for (List<Tensor> in : inputs) {
            Tensor[] x = in.toArray(new Tensor[0]);
            results.add(session != null ? session.runAll(x) : model.predictAll(x));
        }
        return results;
    }

    /**
     * Keras' per-layer outputs of the first call, by layer name, from {@code layers/<name>.npy} ('/' in a
     * name written as "__"); empty when the folder has none.
     */
    public Map<String, Tensor> layerOutputs() throws IOException {
        Path layers = dir.resolve("layers");
        Map<String, Tensor> out = new LinkedHashMap<>();
        if (Files.isDirectory(layers)) {
            try (Stream<Path> files = Files.list(layers)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".npy")).sorted().toList()) {
                    String name = f.getFileName().toString();
                    out.put(name.substring(0, name.length() - 4).replace("__", "/"), Npy.read(f));
                }
            }
        }
        return out;
    }

    /** Compares any two tensors under this case's tolerance. */
    public Comparison compare(Tensor got, Tensor want) {
        return Comparison.of(got, want, atol, rtol);
    }

    /** Absolute tolerance of this case. */
    public double atol() {
        return atol;
    }

    /** Relative tolerance of this case. */
    public double rtol() {
        return rtol;
    }

    public String description() {
        return description;
    }

    /** {@code base} with the import options this case's outputs need (from case.json) turned on. */
    public ImportOptions importOptions(ImportOptions base) {
        return base.withMixedPrecisionInFloat32(base.mixedPrecisionInFloat32() || mixedPrecisionInFloat32);
    }

    /** Compares {@code got} with Keras' output {@code index} of the first call under this case's tolerance. */
    public Comparison compare(int index, Tensor got) {
        return compare(0, index, got);
    }

    /** Compares {@code got} with Keras' output {@code index} of call {@code call}. */
    public Comparison compare(int call, int index, Tensor got) {
        return Comparison.of(got, outputs.get(call).get(index), atol, rtol);
    }
}
