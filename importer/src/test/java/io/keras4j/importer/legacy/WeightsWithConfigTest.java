package io.keras4j.importer.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.importer.CaseFolder;
import io.keras4j.importer.Comparison;
import io.keras4j.importer.ModelImportException;
import io.keras4j.importer.ModelImporter;
import io.keras4j.importer.TestData;
import io.keras4j.runtime.Model;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModelImporter#load(Path, Path)}: weights and config from two files. The real-world tests cover Keras 1 and 2
 * weights-only files; here a Keras 3 archive's {@code model.weights.h5} (the layout of Keras 3's {@code .weights.h5})
 * and {@code config.json} (what Keras 3's {@code to_json()} writes, without a keras_version) are loaded as two files.
 * The model uses hard_sigmoid, which only reproduces Keras' outputs when the config is recognised as Keras 3's.
 */
class WeightsWithConfigTest {

    @Test
    void keras3WeightsFileWithItsJsonConfigMatchesKeras(@TempDir Path tmp) throws Exception {
        CaseFolder c = CaseFolder.open(TestData.caseDir("lstm_act_sigmoid_rec_hard_sigmoid_u6_f3_t50_seq_keras"));
        Path weights = tmp.resolve("model.weights.h5");
        Path config = tmp.resolve("model.json");
        extract(c.model(), "model.weights.h5", weights);
        extract(c.model(), "config.json", config);
        Model model = ModelImporter.load(weights, config);
        Comparison r = c.compare(0, model.predict(c.inputs().get(0)));
        assertTrue(r.passed(), r.violations() + " values outside tolerance, max abs error " + r.maxAbsError());
        assertTrue(model.graph().metadata().get("keras_version").startsWith("3"), model.graph().metadata().toString());
    }

    @Test
    void aKerasArchiveOrAMissingFileIsRefusedClearly(@TempDir Path tmp) throws Exception {
        Path archive = TestData.caseDir("lstm_act_sigmoid_rec_hard_sigmoid_u6_f3_t50_seq_keras").resolve("model.keras");
        Path config = tmp.resolve("model.json");
        extract(archive, "config.json", config);
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(archive, config));
        assertEquals(archive + ": not an HDF5 weights file (a .keras archive holds its own config: load it alone)",
                e.getMessage());
        assertThrows(NoSuchFileException.class, () -> ModelImporter.load(archive, tmp.resolve("absent.json")));
        Path notJson = tmp.resolve("bad.json");
        Files.writeString(notJson, "[1, 2");
        Path h5 = TestData.caseDir("lstm_u1_f1_t5_b3_last_h5").resolve("model.h5");
        e = assertThrows(ModelImportException.class, () -> ModelImporter.load(h5, notJson));
        assertTrue(e.getMessage().startsWith(h5 + " with config " + notJson + ": model config JSON is not valid JSON"),
                e.getMessage());
    }

    private static void extract(Path archive, String entry, Path to) throws IOException {
        try (InputStream in = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.getName().equals(entry)) {
                    Files.write(to, zip.readAllBytes());
                    return;
                }
            }
        }
        throw new IOException(archive + " has no " + entry);
    }
}
