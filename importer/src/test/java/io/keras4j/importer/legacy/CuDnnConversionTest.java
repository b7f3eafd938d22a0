package io.keras4j.importer.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.importer.Comparison;
import io.keras4j.importer.TestData;
import io.keras4j.importer.hdf5.Hdf5File;
import io.keras4j.importer.keras.Weight;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.io.Npy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * No real CuDNNLSTM or CuDNNGRU file exists, so these tests take a standard LSTM's and GRU's weights from golden
 * cases (outputs computed by Keras 3.15.1), lay them out as the cuDNN layers store them (each gate's kernel block as
 * the flat data of its transpose, recurrent blocks transposed, biases as input half then recurrent half; the exact
 * inverse of tf.keras' {@code _convert_rnn_weights}), build a model config with the cuDNN layer class, and check
 * that keras4j's outputs still agree with Keras' golden outputs.
 */
class CuDnnConversionTest {
    @Test
    void cudnnLstmFromGoldenLstmWeightsRelaidInCudnnLayoutMatchesKeras() throws Exception {
        Path dir = TestData.caseDir("lstm_u8_f16_t60_b4_seq_func_h5");
        List<Weight> lstm = legacyWeights(dir.resolve("model.h5"), "lstm");
        String config = "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"CuDNNLSTM\", \"config\": {"
                + "\"name\": \"cu_dnnlstm_1\", \"trainable\": true, \"batch_input_shape\": [null, 60, 16], \"dtype\": \"float32\","
                + " \"return_sequences\": true, \"return_state\": false, \"go_backwards\": false, \"stateful\": false,"
                + " \"units\": 8, \"kernel_initializer\": {\"class_name\": \"VarianceScaling\", \"config\": {}},"
                + " \"recurrent_initializer\": {\"class_name\": \"Orthogonal\", \"config\": {}}, \"bias_initializer\":"
                + " {\"class_name\": \"Zeros\", \"config\": {}}, \"unit_forget_bias\": true, \"kernel_regularizer\": null,"
                + " \"recurrent_regularizer\": null, \"bias_regularizer\": null, \"activity_regularizer\": null,"
                + " \"kernel_constraint\": null, \"recurrent_constraint\": null, \"bias_constraint\": null}}]}";
        Model model = ConfigModels.build(config, "2.2.4", Map.of("cu_dnnlstm_1", toCudnn(lstm, 16, 8, 4)));
        assertMatches(dir, model.predict(Npy.read(dir.resolve("input_0.npy"))), Npy.read(dir.resolve("output_0.npy")));
    }

    /** tf.keras loads a CuDNNLSTM's weights into an LSTM by their bias shape (8·units); so does keras4j. */
    @Test
    void lstmConfigWithCudnnWeightsFromGoldenLstmMatchesKeras() throws Exception {
        Path dir = TestData.caseDir("lstm_u8_f16_t60_b4_seq_func_h5");
        List<Weight> lstm = legacyWeights(dir.resolve("model.h5"), "lstm");
        String config = "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"LSTM\", \"config\": {"
                + "\"name\": \"lstm_1\", \"batch_input_shape\": [null, 60, 16], \"return_sequences\": true, \"units\": 8,"
                + " \"activation\": \"tanh\", \"recurrent_activation\": \"sigmoid\", \"use_bias\": true,"
                + " \"unit_forget_bias\": true, \"implementation\": 2, \"time_major\": false}}]}";
        Model model = ConfigModels.build(config, "2.3.0-tf", Map.of("lstm_1", toCudnn(lstm, 16, 8, 4)));
        assertMatches(dir, model.predict(Npy.read(dir.resolve("input_0.npy"))), Npy.read(dir.resolve("output_0.npy")));
    }

    /**
     * The golden GRU (reset_after, Keras 3) sits behind an Embedding with mask_zero; cuDNN layers refuse masks, so the
     * model is rebuilt without the mask and fed only row 0 of the golden input, whose ids are all non-zero: its mask
     * is all true, so Keras' output for that row is the unmasked GRU's.
     */
    @Test
    void cudnnGruFromGoldenGruWeightsRelaidInCudnnLayoutMatchesKerasOnAnUnmaskedRow() throws Exception {
        Path dir = TestData.caseDir("emb_maskzero_gru_prepad_func_keras");
        Tensor ids = Npy.read(dir.resolve("input_0.npy"));
        int t = ids.dim(1);
        float[] row = Arrays.copyOf(ids.toArray(), t);
        for (float id : row) {
            assertTrue(id != 0, "row 0 of the golden input must have no padding");
        }
        try (Hdf5File weights = archiveWeights(dir.resolve("model.keras"))) {
            List<Weight> gru = gruCell(weights);
            String config = "{\"class_name\": \"Sequential\", \"config\": ["
                    + "{\"class_name\": \"Embedding\", \"config\": {\"name\": \"embedding_1\", \"batch_input_shape\": [null, " + t
                    + "], \"input_dim\": 17, \"output_dim\": 6, \"mask_zero\": false, \"input_length\": null}},"
                    + "{\"class_name\": \"CuDNNGRU\", \"config\": {\"name\": \"cu_dnngru_1\", \"units\": 4,"
                    + " \"return_sequences\": false, \"return_state\": false, \"go_backwards\": false, \"stateful\": false}},"
                    + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"dense_1\", \"units\": 3, \"activation\": \"linear\","
                    + " \"use_bias\": true}}]}";
            Model model = ConfigModels.build(config, "2.2.4", Map.of(
                    "embedding_1", List.of(ConfigModels.weight(weights, "layers/embedding/vars/0")),
                    "cu_dnngru_1", toCudnn(gru, 6, 4, 3),
                    "dense_1", List.of(ConfigModels.weight(weights, "layers/dense/vars/0"),
                            ConfigModels.weight(weights, "layers/dense/vars/1"))));
            Tensor want = Npy.read(dir.resolve("output_0.npy"));
            Tensor got = model.predict(Tensor.of(row, 1, t));
            assertMatches(dir, got, Tensor.of(Arrays.copyOf(want.toArray(), want.dim(1)), 1, want.dim(1)));
        }
    }

    @Test
    void cudnnGruWeightsInAGruWithoutResetAfterAreRefused() throws Exception {
        Path dir = TestData.caseDir("emb_maskzero_gru_prepad_func_keras");
        try (Hdf5File weights = archiveWeights(dir.resolve("model.keras"))) {
            List<Weight> gru = gruCell(weights);
            String config = "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"GRU\", \"config\": {"
                    + "\"name\": \"gru_1\", \"batch_input_shape\": [null, 5, 6], \"units\": 4, \"reset_after\": false,"
                    + " \"recurrent_activation\": \"sigmoid\"}}]}";
            List<String> problems = ConfigModels.problems(config, "2.2.4", Map.of("gru_1", toCudnn(gru, 6, 4, 3)));
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains("layer 'gru_1' (GRU): option reset_after=false disagrees with bias"),
                    problems.get(0));
        }
    }

    @Test
    void cudnnLstmAfterAMaskIsRefused() throws Exception {
        List<Weight> lstm = legacyWeights(TestData.caseDir("lstm_u8_f16_t60_b4_seq_func_h5").resolve("model.h5"), "lstm");
        String config = "{\"class_name\": \"Sequential\", \"config\": ["
                + "{\"class_name\": \"Masking\", \"config\": {\"name\": \"masking_1\", \"batch_input_shape\": [null, 60, 16],"
                + " \"mask_value\": 0.0}},"
                + "{\"class_name\": \"CuDNNLSTM\", \"config\": {\"name\": \"cu_dnnlstm_1\", \"units\": 8}}]}";
        List<String> problems = ConfigModels.problems(config, "2.2.4", Map.of("cu_dnnlstm_1", toCudnn(lstm, 16, 8, 4)));
        assertEquals(List.of("layer 'cu_dnnlstm_1' (CuDNNLSTM): receives a mask (from Masking or an Embedding with"
                + " mask_zero), but Keras' CuDNNLSTM does not support masking"), problems);
    }

    /**
     * Lays a standard recurrent layer's weights (kernel, recurrent kernel, bias) out as a cuDNN layer stores them:
     * per gate, the kernel block K_g [in][units] becomes the flat row-major data of its transpose, the recurrent block
     * is transposed, and the bias becomes [input biases | recurrent biases] (an LSTM's bias split in two halves, a
     * reset_after GRU's two rows laid end to end).
     */
    static List<Weight> toCudnn(List<Weight> w, int in, int units, int gates) {
        float[] kernel = w.get(0).values();
        float[] recurrent = w.get(1).values();
        float[] bias = w.get(2).values();
        float[] k = new float[kernel.length];
        float[] r = new float[recurrent.length];
        int cols = gates * units;
        for (int g = 0; g < gates; g++) {
            for (int d = 0; d < in; d++) {
                for (int u = 0; u < units; u++) {
                    int flat = u * in + d;
                    k[(flat / units) * cols + g * units + flat % units] = kernel[d * cols + g * units + u];
                }
            }
            for (int i = 0; i < units; i++) {
                for (int j = 0; j < units; j++) {
                    r[j * cols + g * units + i] = recurrent[i * cols + g * units + j];
                }
            }
        }
        float[] b;
        if (bias.length == cols) {
            b = new float[2 * cols];
            for (int j = 0; j < cols; j++) {
                b[j] = bias[j] * 0.5f;
                b[cols + j] = bias[j] * 0.5f;
            }
        } else {
            b = bias.clone();
        }
        return List.of(new Weight("cudnn/kernel:0", new long[] {in, cols}, k),
                new Weight("cudnn/recurrent_kernel:0", new long[] {units, cols}, r),
                new Weight("cudnn/bias:0", new long[] {2L * cols}, b));
    }

    private static void assertMatches(Path dir, Tensor got, Tensor want) {
        Comparison r = Comparison.of(got, want, 1e-5, 1e-5);
        assertTrue(r.passed(), dir.getFileName() + ": " + (r.sameShape() ? r.violations() + " of " + r.count()
                + " values outside tolerance, max abs error " + r.maxAbsError() : r.detail()));
    }

    /** A layer's weights from a legacy .h5 model file, in {@code weight_names} order. */
    private static List<Weight> legacyWeights(Path file, String layer) throws IOException {
        try (Hdf5File h5 = Hdf5File.open(file)) {
            String group = "/model_weights/" + layer;
            List<Weight> out = new ArrayList<>();
            for (String name : h5.stringListAttribute(group, "weight_names")) {
                out.add(ConfigModels.weight(h5, group + "/" + name));
            }
            return out;
        }
    }

    /** The kernel, recurrent kernel and (2, 3u) bias of the golden GRU. */
    private static List<Weight> gruCell(Hdf5File weights) throws IOException {
        List<Weight> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(ConfigModels.weight(weights, "layers/gru/cell/vars/" + i));
        }
        return out;
    }

    /** The model.weights.h5 of a .keras archive, opened in memory. */
    private static Hdf5File archiveWeights(Path keras) throws IOException {
        try (InputStream in = Files.newInputStream(keras); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.getName().equals("model.weights.h5")) {
                    return Hdf5File.open(zip.readAllBytes(), keras + "!model.weights.h5");
                }
            }
        }
        throw new IOException(keras + " has no model.weights.h5");
    }
}
