package io.keras4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.runtime.io.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One benchmark case of the generated manifest: a model (folder with model.keras, model.onnx and the
 * Keras-layout weights), an input of {@code [batch][time][features]} and Keras' output for it.
 *
 * @param kind     seed (LSTM + Dense(1)), lstm, gru, bilstm (Bidirectional LSTM, concat) or stack2 (two LSTMs)
 * @param threads  threads every engine may use for this case
 */
public record BenchCase(String name, Path dir, String kind, int units, int features, int time, int batch, int threads,
                        double atol, double rtol) {

    /** The folder {@code bench/run.sh} generated, from {@code -Dbench.models}. */
    public static Path modelsDir() {
        return Path.of(System.getProperty("bench.models", "bench/target/models"));
    }

    public static List<BenchCase> all(Path models) {
        try {
            JsonNode manifest = new ObjectMapper().readTree(models.resolve("manifest.json").toFile());
            List<BenchCase> cases = new ArrayList<>();
            for (JsonNode c : manifest.get("cases")) {
                cases.add(new BenchCase(c.get("case").asText(), models.resolve(c.get("model").asText()), c.get("kind").asText(),
                        c.get("units").asInt(), c.get("features").asInt(), c.get("time").asInt(), c.get("batch").asInt(),
                        c.get("threads").asInt(), manifest.get("tolerance").get("atol").asDouble(),
                        manifest.get("tolerance").get("rtol").asDouble()));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BenchCase named(String name) {
        return all(modelsDir()).stream().filter(c -> c.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no case " + name + " in " + modelsDir()));
    }

    public float[] input() {
        return npy("x_" + name + ".npy");
    }

    public float[] golden() {
        return npy("y_" + name + ".npy");
    }

    /** Output values per sequence. */
    public int outputWidth() {
        return golden().length / batch;
    }

    public float[] npy(String file) {
        try {
            return Npy.read(dir.resolve(file)).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks an engine's output against Keras' and records the largest error in {@code check/<engine>_<case>.txt}
     * beside the models, for the report.
     *
     * @throws IllegalStateException if a value is outside {@code atol + rtol·|want|}: that engine would be timed on
     *                               a different model
     */
    public void verify(String engine, float[] got) {
        float[] want = golden();
        if (got.length != want.length) {
            throw new IllegalStateException(engine + " on " + name + ": " + got.length + " outputs, Keras gave " + want.length);
        }
        double max = 0;
        for (int i = 0; i < want.length; i++) {
            double err = Math.abs(got[i] - want[i]);
            max = Math.max(max, err);
            if (!(err <= atol + rtol * Math.abs(want[i]))) {
                throw new IllegalStateException(engine + " on " + name + " differs from Keras at " + i + ": " + got[i]
                        + " vs " + want[i]);
            }
        }
        record(engine, String.format(Locale.ROOT, "%.3e", max));
    }

    /** Writes a measurement of this case for {@link BenchMain} to read: {@code check/<what>_<case>.txt}. */
    public void record(String what, String value) {
        try {
            Path check = dir.getParent().resolve("check");
            Files.createDirectories(check);
            Files.writeString(check.resolve(what + "_" + name + ".txt"), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
