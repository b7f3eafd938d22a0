package io.keras4j.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.io.NativeModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model read in a child JVM is the model read in process: same graph, bit-identical predictions. */
class IsolatedImporterTest {
    private static final ImportOptions ISOLATED = ImportOptions.isolated();

    private static void assertSame(Model inProcess, Model isolated, Tensor x) {
        assertEquals(inProcess.graph().metadata(), isolated.graph().metadata());
        assertEquals(inProcess.graph().nodes().size(), isolated.graph().nodes().size());
        assertArrayEquals(inProcess.predictAll(x)[0].toArray(), isolated.predictAll(x)[0].toArray());
    }

    @Test
    void everyFormOfLoadGivesTheInProcessModel(@TempDir Path tmp) throws Exception {
        for (String name : new String[] {"seed_lstm16_h5", "seed_lstm16_keras"}) {
            CaseFolder c = CaseFolder.open(TestData.caseDir(name));
            Tensor x = c.inputs().get(0);
            Model reference = ModelImporter.load(c.model());
            assertSame(reference, ModelImporter.load(c.model(), ISOLATED), x);
            assertSame(reference, ModelImporter.load(Files.readAllBytes(c.model()), name, ISOLATED), x);
        }
        CaseFolder c = CaseFolder.open(TestData.caseDir("seed_lstm16_keras"));
        Path weights = Files.write(tmp.resolve("model.weights.h5"), HostileFixtures.entry(Files.readAllBytes(c.model()),
                "model.weights.h5"));
        Path config = Files.write(tmp.resolve("model.json"), HostileFixtures.entry(Files.readAllBytes(c.model()),
                "config.json"));
        assertSame(ModelImporter.load(weights, config), ModelImporter.load(weights, config, ISOLATED), c.inputs().get(0));
    }

    /** The child JVM reads a mixed-precision model as this JVM does: refused without the option, in float32 with it. */
    @Test
    void theMixedPrecisionOptionReachesTheImportProcess() throws Exception {
        CaseFolder c = CaseFolder.open(TestData.caseDir("mixedprec_bf16_seq_h5"));
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(c.model(), ISOLATED));
        assertTrue(e.getMessage().contains("(LSTM): option dtype=mixed_bfloat16 is not supported by default")
                && e.getMessage().contains("--mixed-precision-in-float32"), e.getMessage());
        ImportOptions inFloat32 = ISOLATED.withMixedPrecisionInFloat32(true);
        Model reference = ModelImporter.load(c.model(), inFloat32.withIsolated(false));
        assertSame(reference, ModelImporter.load(c.model(), inFloat32), c.inputs().get(0));
        assertSame(reference, ModelImporter.load(Files.readAllBytes(c.model()), "model.h5", inFloat32), c.inputs().get(0));
    }

    @Test
    void aNativeModelIsReadInProcessEitherWay(@TempDir Path tmp) throws Exception {
        CaseFolder c = CaseFolder.open(TestData.caseDir("seed_lstm16_h5"));
        Path k4j = tmp.resolve("m.k4j");
        NativeModel.write(ModelImporter.readGraph(c.model()), null, k4j);
        assertSame(ModelImporter.load(k4j), ModelImporter.load(k4j, ISOLATED.withTimeout(Duration.ofMillis(1))),
                c.inputs().get(0));
        assertSame(ModelImporter.load(k4j), ModelImporter.load(Files.readAllBytes(k4j), "m.k4j"), c.inputs().get(0));
    }

    @Test
    void refusalsKeepTheirFileAndProblems(@TempDir Path tmp) throws IOException {
        Path text = Files.writeString(tmp.resolve("model.json"), "{}");
        assertThrows(NoSuchFileException.class, () -> ModelImporter.load(tmp.resolve("absent.h5"), ISOLATED));
        assertThrows(NoSuchFileException.class, () -> ModelImporter.load(tmp.resolve("absent.h5"), text, ISOLATED));
        Path disagree = TestData.root().resolve("hostile").resolve("config-weights-disagree.keras");
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(disagree, ISOLATED));
        assertEquals(disagree.toString(), e.file());
        assertEquals(2, e.problems().size(), e.getMessage());
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ISOLATED.withTimeout(Duration.ZERO));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ISOLATED.withMemory(1 << 20, 1 << 30));
        assertTrue(e.getMessage().contains("at least 64 MiB of heap"), e.getMessage());
    }
}
