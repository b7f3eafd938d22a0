package io.keras4j.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A test case folder: one model file ({@code model.h5} or {@code model.keras}), inputs {@code input_<i>.npy},
 * expected outputs {@code output_<i>.npy} computed by Keras, and an optional {@code case.json} with a
 * description and a tolerance ({@code {"tolerance": {"atol": 1e-5, "rtol": 1e-5}}}).
 */
public final class CaseFolder {
    /** Default absolute and relative tolerance: |got - want| <= 1e-5 + 1e-5·|want|. */
    public static final double DEFAULT_TOLERANCE = 1e-5;

    private final Path dir;
    private final Path model;
    private final List<Tensor> inputs;
    private final List<Tensor> outputs;
    private final double atol;
    private final double rtol;
    private final String description;

    private CaseFolder(Path dir, Path model, List<Tensor> inputs, List<Tensor> outputs, double atol, double rtol,
                       String description) {
        this.dir = dir;
        this.model = model;
        this.inputs = inputs;
        this.outputs = outputs;
        this.atol = atol;
        this.rtol = rtol;
        this.description = description;
    }

    /** Reads a case folder. */
    public static CaseFolder open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a case folder (a directory with a model file, input_0.npy and output_0.npy)");
        }
        Path json = dir.resolve("case.json");
        JsonNode meta = Files.exists(json) ? new ObjectMapper().readTree(json.toFile()) : new ObjectMapper().createObjectNode();
        Path model;
        if (meta.hasNonNull("model")) {
            model = dir.resolve(meta.get("model").asText());
        } else {
            try (Stream<Path> files = Files.list(dir)) {
                model = files.filter(p -> p.getFileName().toString().startsWith("model."))
                        .filter(p -> !p.getFileName().toString().endsWith(".json")).sorted().findFirst()
                        .orElseThrow(() -> new IOException(dir + ": no model file (model.h5, model.keras) in the case folder"));
            }
        }
        List<Tensor> inputs = readSeries(dir, "input_");
        List<Tensor> outputs = readSeries(dir, "output_");
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IOException(dir + ": a case folder needs input_0.npy and output_0.npy");
        }
        JsonNode tol = meta.path("tolerance");
        return new CaseFolder(dir, model, inputs, outputs, tol.path("atol").asDouble(DEFAULT_TOLERANCE),
                tol.path("rtol").asDouble(DEFAULT_TOLERANCE), meta.path("description").asText(""));
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

    public List<Tensor> inputs() {
        return inputs;
    }

    /** Keras' outputs, in model output order. */
    public List<Tensor> outputs() {
        return outputs;
    }

    public String description() {
        return description;
    }

    /** Compares {@code got} with Keras' output {@code index} under this case's tolerance. */
    public Comparison compare(int index, Tensor got) {
        return Comparison.of(got, outputs.get(index), atol, rtol);
    }
}
