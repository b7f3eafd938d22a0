package io.keras4j.importer.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.importer.CaseFolder;
import io.keras4j.importer.ModelImporter;
import io.keras4j.importer.TestData;
import io.keras4j.runtime.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Keras 3.10 made its Softmax layer zero masked entries (before, it only lowered their scores by 1e9): golden files with
 * their metadata's version changed to 3.9.0 compute as that version did.
 */
class KerasVersionSemanticsTest {
    private static final Path CASE = TestData.caseDir("multi_head_attention_masked_scores_func_keras");

    /** A Softmax layer given a mask (golden case maskkw_bn_softmax_lstm_func_keras) runs as its file's version computes. */
    @Test
    void aMaskedSoftmaxLayerZeroesMaskedEntriesFromKeras310() throws IOException {
        CaseFolder c = CaseFolder.open(TestData.caseDir("maskkw_bn_softmax_lstm_func_keras"));
        byte[] archive = Files.readAllBytes(c.model());
        assertEquals(List.of("Softmax"), softmaxTypes(archive));
        assertEquals(List.of("SoftmaxUnzeroed"), softmaxTypes(withVersion(archive, "3.9.0")));
    }

    private static List<String> softmaxTypes(byte[] archive) throws IOException {
        return ModelImporter.load(archive, "model.keras").graph().nodes().stream().map(n -> n.op().type())
                .filter(type -> type.startsWith("Softmax")).toList();
    }

    /**
     * A MultiHeadAttention query step that sees no key step, with returned scores: Keras 3.10 and later weigh no step,
     * Keras 3.0 to 3.9 every step equally.
     */
    @Test
    void scoresOfAPaddedQueryStepFollowTheWritersKerasVersion() throws IOException {
        // sample 2 is padded at its first five steps; its scores are output 2, (batch, heads, T, S) = (4, 3, 6, 6)
        assertEquals(0f, paddedRowWeight("3.15.1"));
        assertEquals(1f / 6, paddedRowWeight("3.9.0"));
    }

    private static float paddedRowWeight(String version) throws IOException {
        CaseFolder c = CaseFolder.open(CASE);
        byte[] archive = withVersion(Files.readAllBytes(c.model()), version);
        Tensor scores = c.run(ModelImporter.load(archive, "model.keras")).get(0)[2];
        float[] w = scores.toArray();
        int row = ((2 * 3 + 1) * 6 + 0) * 6; // sample 2, head 1, query step 0
        for (int s = 1; s < 6; s++) {
            assertEquals(w[row], w[row + s], version + ": step " + s);
        }
        return w[row];
    }

    /** The archive with its metadata.json's keras_version replaced. */
    private static byte[] withVersion(byte[] archive, String version) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals("metadata.json")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8).replace("3.15.1", version)
                            .getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
