package io.keras4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** ONNX on the command line: predict and verify take .onnx models; convert writes one. */
class OnnxCliTest {
    private static final Path CASES = Path.of(System.getProperty("keras4j.testdata", "../testdata")).resolve("cases");

    @ParameterizedTest
    @ValueSource(strings = {"onnx_torch_lstm_2layer_bidir_batchfirst_linear_op14", "onnx_add_scalar_first_input"})
    void verifyPassesOnAnOnnxCase(String name) {
        String[] r = CliTest.run("verify", CASES.resolve(name).toString());
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("PASS"), r[1]);
    }

    @Test
    void predictRunsAnOnnxModelWithIntegerSequenceLengths(@TempDir Path tmp) throws Exception {
        Path dir = CASES.resolve("onnx_gru_lbr0_bidir_seqlens_initial");
        Path y = tmp.resolve("y.npy");
        Path yh = tmp.resolve("yh.npy");
        String[] r = CliTest.run("predict", dir.resolve("model.onnx").toString(), "--input", dir.resolve("input_0.npy").toString(),
                "--input", dir.resolve("input_1.npy").toString(), "--input", dir.resolve("input_2.npy").toString(),
                "--output", y.toString(), "--output", yh.toString());
        assertEquals("0", r[0], r[2]);
        assertClose(Npy.read(dir.resolve("output_1.npy")), Npy.read(yh));
    }

    @Test
    void convertWritesAnOnnxModelThatGivesKerasOutputs(@TempDir Path tmp) throws Exception {
        Path dir = CASES.resolve("lstm_gobackwards_u5_f4_t7_b3_seq_dense_func_keras");
        Path onnx = tmp.resolve("model.onnx");
        String[] r = CliTest.run("convert", dir.resolve("model.keras").toString(), onnx.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(Files.size(onnx) > 0);
        Path y = tmp.resolve("y.npy");
        r = CliTest.run("predict", onnx.toString(), "--input", dir.resolve("input_0.npy").toString(), "--output", y.toString());
        assertEquals("0", r[0], r[2]);
        assertClose(Npy.read(dir.resolve("output_0.npy")), Npy.read(y));
    }

    @Test
    void convertRefusesWhatOnnxCannotExpressWithTheReason(@TempDir Path tmp) {
        Path model = CASES.resolve("dense_acts_chain_b_keras").resolve("model.keras");
        String[] r = CliTest.run("convert", model.toString(), tmp.resolve("m.onnx").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("cannot be written as ONNX") && r[2].contains("sparsemax"), r[2]);
    }

    private static void assertClose(Tensor want, Tensor got) {
        assertEquals(java.util.Arrays.toString(want.shape()), java.util.Arrays.toString(got.shape()));
        float[] w = want.toArray();
        float[] g = got.toArray();
        for (int i = 0; i < g.length; i++) {
            assertTrue(Math.abs(g[i] - w[i]) <= 1e-5 + 1e-5 * Math.abs(w[i]), "value " + i + ": " + g[i] + " vs " + w[i]);
        }
    }
}
