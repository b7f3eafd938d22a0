package io.keras4j.importer.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.importer.Comparison;
import io.keras4j.importer.ModelImporter;
import io.keras4j.importer.hdf5.Hdf5File;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The outputs that real Keras 1 and 2 releases computed, stored next to their models in the corpus, are reproduced
 * within {@code 1e-5 + 1e-5·|want|}: DL4J's {@code *_inputs_and_outputs.h5} sets (input {@code inputs/}, Keras'
 * output {@code predictions/}; {@code outputs/} holds training labels, not model outputs), each for the whole-model
 * file and for the weights-only file with its JSON config, and the full-config LSTM over all its CSV sequences.
 */
class RealWorldGoldenTest {
    private static final double TOL = 1e-5;

    @Test
    void dl4jInputsAndOutputsSetsMatchKeras() throws IOException {
        Path root = RealWorld.root();
        List<Path> sets = RealWorld.files(root, "_inputs_and_outputs.h5");
        org.junit.jupiter.api.Assumptions.assumeFalse(sets.isEmpty(), "no *_inputs_and_outputs.h5 under " + root);
        List<String> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int compared = 0;
        int withoutPredictions = 0;
        for (Path set : sets) {
            String base = set.getFileName().toString().replace("_inputs_and_outputs.h5", "");
            try (Hdf5File h5 = Hdf5File.open(set)) {
                if (!h5.isGroup("/predictions")) {
                    withoutPredictions++;
                    rows.add(String.format("%-60s %-22s %s", RealWorld.relative(root, set), "no golden",
                            "no predictions/ group (outputs/ holds training labels, not model outputs)"));
                    continue;
                }
                List<String> in = h5.children("/inputs");
                List<String> out = h5.children("/predictions");
                assertEquals(1, in.size(), set + ": inputs");
                assertEquals(1, out.size(), set + ": predictions");
                Tensor x = RealWorld.tensor(h5, "/inputs/" + in.get(0));
                Tensor want = RealWorld.tensor(h5, "/predictions/" + out.get(0));
                Path dir = set.getParent();
                Path model = dir.resolve(base + "_model.h5");
                Path weights = dir.resolve(base + "_weights.h5");
                Path config = dir.resolve(base + "_config.json");
                List<String> variants = new ArrayList<>();
                if (Files.exists(model)) {
                    variants.add("model.h5");
                    compared++;
                    check(ModelImporter.load(model), x, want, RealWorld.relative(root, model), rows, failures);
                }
                if (Files.exists(weights) && Files.exists(config)) {
                    variants.add("weights+config");
                    compared++;
                    check(ModelImporter.load(weights, config), x, want, RealWorld.relative(root, weights) + " + config",
                            rows, failures);
                }
                assertFalse(variants.isEmpty(), set + ": no model file next to the golden set");
            }
        }
        System.out.println("Real-world golden sets (DL4J inputs_and_outputs), tolerance 1e-5 + 1e-5*|want|:");
        rows.forEach(r -> System.out.println("  " + r));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        System.out.println("  " + compared + " models compared, " + withoutPredictions + " set(s) without predictions");
    }

    /**
     * DL4J's full-config LSTM (Keras 2.0.8, Theano backend, hard_sigmoid): a weights-only file and a JSON config, with
     * Keras' predictions for 283 sequences of 4 steps; each CSV row is one step, 12 features and then the label.
     */
    @Test
    void fullConfigLstmMatchesKerasOnEverySequence() throws IOException {
        Path dir = RealWorld.root().resolve("KonduitAI+dl4j-test-resources/src/main/resources/modelimport/keras/fullconfigs/lstm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir), "no fullconfigs/lstm in the corpus at " + dir);
        Model model = ModelImporter.load(dir.resolve("lstm_th_keras_2_weights.h5"), dir.resolve("lstm_th_keras_2_config.json"));
        Tensor predictions = Npy.read(dir.resolve("predictions.npy"));
        int n = predictions.dim(0);
        float[] x = new float[n * 4 * 12];
        for (int s = 0; s < n; s++) {
            List<String> lines = Files.readAllLines(dir.resolve("data/sequences/" + s + ".csv"));
            assertEquals(4, lines.size(), s + ".csv");
            for (int t = 0; t < 4; t++) {
                String[] cells = lines.get(t).split(";");
                assertEquals(13, cells.length, s + ".csv line " + (t + 1));
                for (int f = 0; f < 12; f++) {
                    x[(s * 4 + t) * 12 + f] = Float.parseFloat(cells[f]);
                }
            }
        }
        Tensor got = model.predict(Tensor.of(x, n, 4, 12));
        Comparison r = Comparison.of(Tensor.of(got.toArray(), n), predictions, TOL, TOL);
        System.out.printf("Real-world fullconfigs/lstm: %d sequences, max abs error %.2e, %d outside tolerance%n", n,
                r.maxAbsError(), r.violations());
        assertTrue(r.passed(), "fullconfigs/lstm: " + (r.sameShape() ? r.violations() + " of " + r.count()
                + " values outside tolerance, max abs error " + r.maxAbsError() : r.detail()));
        assertEquals(283, n);
    }

    private static void check(Model model, Tensor x, Tensor want, String name, List<String> rows, List<String> failures) {
        Tensor got = model.predict(x);
        Comparison r = Comparison.of(got, want, TOL, TOL);
        rows.add(String.format("%-60s %-22s max abs error %.2e over %d values", name, r.passed() ? "match" : "MISMATCH",
                r.maxAbsError(), r.count()));
        if (!r.passed()) {
            failures.add(name + ": " + (r.sameShape() ? r.violations() + " of " + r.count()
                    + " values outside tolerance, max abs error " + r.maxAbsError() : r.detail()));
        }
    }
}
