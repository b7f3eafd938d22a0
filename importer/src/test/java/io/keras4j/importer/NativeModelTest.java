package io.keras4j.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.io.NativeModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every golden case converts to .k4j and, loaded by the runtime jar alone, reproduces Keras' outputs. */
class NativeModelTest {

    private static Path writeK4j(Path dir, Path caseDir) throws IOException {
        CaseFolder c = CaseFolder.open(caseDir);
        Graph graph = ModelImporter.readGraph(c.model(), c.importOptions(ImportOptions.inProcess()));
        Path out = dir.resolve(caseDir.getFileName() + ".k4j");
        NativeModel.write(graph, new NativeModel.TestVectors(c.inputs(), c.outputs(), c.atol(), c.rtol()), out);
        return out;
    }

    @Test
    void everyCaseReproducesKerasFromTheRuntimeJarAlone(@TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", location(Model.class) + java.io.File.pathSeparator + location(RuntimeOnlyCheck.class),
                RuntimeOnlyCheck.class.getName()));
        for (Path c : TestData.cases()) {
            command.add(writeK4j(dir, c).toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "runtime-only check timed out");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains(TestData.cases().size() + " of " + TestData.cases().size()), output);
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void aCorruptedByteGivesAChecksumError(@TempDir Path dir) throws Exception {
        Path file = writeK4j(dir, TestData.caseDir("seed_lstm16_h5"));
        byte[] bytes = Files.readAllBytes(file);
        for (int at : new int[] {100, bytes.length / 2, bytes.length - 3}) {
            byte[] broken = bytes.clone();
            broken[at] ^= 0x10;
            Path b = dir.resolve("broken-" + at + ".k4j");
            Files.write(b, broken);
            IOException e = assertThrows(IOException.class, () -> NativeModel.read(b));
            assertTrue(e.getMessage().equals(b + ": checksum mismatch: the file is damaged"), e.getMessage());
        }
    }

    @Test
    void truncatedAndForeignFilesAreRefused(@TempDir Path dir) throws Exception {
        Path file = writeK4j(dir, TestData.caseDir("seed_lstm16_keras"));
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.k4j");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        IOException e = assertThrows(IOException.class, () -> NativeModel.read(cut));
        assertTrue(e.getMessage().contains("truncated or damaged"), e.getMessage());
        Path foreign = dir.resolve("foreign.k4j");
        Files.writeString(foreign, "K4JMODEL but nothing else that makes sense, long enough to pass the preamble length check");
        IOException f = assertThrows(IOException.class, () -> NativeModel.read(foreign));
        assertTrue(f.getMessage().startsWith(foreign.toString()), f.getMessage());
    }

    @Test
    void aModelThatNoLongerReproducesItsVectorsFailsLoudly(@TempDir Path dir) throws Exception {
        CaseFolder seed = CaseFolder.open(TestData.caseDir("seed_lstm16_h5"));
        CaseFolder other = CaseFolder.open(TestData.caseDir("seed_lstm32_h5"));
        Path file = dir.resolve("mismatched.k4j");
        NativeModel.write(ModelImporter.readGraph(seed.model()),
                new NativeModel.TestVectors(other.inputs(), other.outputs(), 1e-5, 1e-5), file);
        IOException e = assertThrows(IOException.class, () -> NativeModel.load(file, true));
        assertTrue(e.getMessage().contains("does not reproduce its embedded test vectors"), e.getMessage());
        NativeModel.load(file, false);
    }
}
