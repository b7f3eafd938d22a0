package io.keras4j.importer.legacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keras4j.importer.Comparison;
import io.keras4j.importer.hdf5.Hdf5File;
import io.keras4j.importer.keras.Weight;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Keras 1 and 2 config and weight forms that the real-world corpus does not hold, checked against the forms it
 * does hold: Keras 1's fused {@code consume_less='gpu'} LSTM against DL4J's golden outputs, the other forms by
 * importing the same weights in two layouts (or with an explicit and a defaulted option) and requiring equal outputs.
 */
class LegacyFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * DL4J's Keras 1.2.2 LSTM stores twelve per-gate arrays (consume_less 'cpu'); Keras 1 with consume_less 'gpu'
     * stores the same weights fused as W, U, b in gate order i, f, c, o. Fused here from the saved order i, c, f, o,
     * the model must still give Keras' golden predictions.
     */
    @Test
    void keras1ConsumeLessGpuLstmWeightsFusedFromTheDl4jFileMatchKeras() throws Exception {
        Path dir = RealWorld.root().resolve("KonduitAI+dl4j-test-resources/src/main/resources/modelimport/keras/examples/simple_lstm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir), "no simple_lstm example in the corpus at " + dir);
        ObjectNode model;
        List<Weight> perGate = new ArrayList<>();
        List<Weight> dense = new ArrayList<>();
        try (Hdf5File h5 = Hdf5File.open(dir.resolve("simple_lstm_tf_keras_1_model.h5"))) {
            model = (ObjectNode) JSON.readTree(h5.stringAttribute("/", "model_config").orElseThrow());
            for (String n : h5.stringListAttribute("/model_weights/lstm_1", "weight_names")) {
                perGate.add(ConfigModels.weight(h5, "/model_weights/lstm_1/" + n));
            }
            for (String n : h5.stringListAttribute("/model_weights/dense_1", "weight_names")) {
                dense.add(ConfigModels.weight(h5, "/model_weights/dense_1/" + n));
            }
        }
        ObjectNode lstm = (ObjectNode) model.path("config").get(0).path("config");
        assertEquals("cpu", lstm.path("consume_less").asText());
        lstm.put("consume_less", "gpu");
        assertEquals(12, perGate.size());
        int[] keras = {0, 2, 1, 3};
        List<Weight> fused = List.of(fuse(perGate, keras, 0), fuse(perGate, keras, 1), fuse(perGate, keras, 2));
        Model m = ConfigModels.build(model.toString(), "1.2.2", Map.of("lstm_1", fused, "dense_1", dense));
        try (Hdf5File golden = Hdf5File.open(dir.resolve("simple_lstm_tf_keras_1_inputs_and_outputs.h5"))) {
            Tensor got = m.predict(RealWorld.tensor(golden, "/inputs/lstm_input_1"));
            Comparison r = Comparison.of(got, RealWorld.tensor(golden, "/predictions/dense_1"), 1e-5, 1e-5);
            assertTrue(r.passed(), r.violations() + " values outside tolerance, max abs error " + r.maxAbsError());
        }
    }

    /** Keras 1 GRU, consume_less 'cpu': nine arrays W, U, b for z, r, h; 'gpu': the same fused. Both give one model. */
    @Test
    void keras1GruNinePerGateArraysEqualTheFusedForm() throws Exception {
        Random rng = new Random(7);
        int in = 3;
        int units = 4;
        List<Weight> perGate = new ArrayList<>();
        for (String gate : List.of("z", "r", "h")) {
            perGate.add(random(rng, "gru_1_W_" + gate, in, units));
            perGate.add(random(rng, "gru_1_U_" + gate, units, units));
            perGate.add(random(rng, "gru_1_b_" + gate, units));
        }
        int[] keras = {0, 1, 2};
        List<Weight> fused = List.of(fuse(perGate, keras, 0), fuse(perGate, keras, 1), fuse(perGate, keras, 2));
        Tensor x = randomInput(rng, 2, 5, in);
        float[] a = ConfigModels.build(keras1Gru("cpu"), "1.2.2", Map.of("gru_1", perGate)).predict(x).toArray();
        float[] b = ConfigModels.build(keras1Gru("gpu"), "1.2.2", Map.of("gru_1", fused)).predict(x).toArray();
        assertArrayEquals(a, b);
        assertEquals(2 * 5 * units, a.length);
    }

    /**
     * An LSTM config without recurrent_activation takes the writer's default: hard_sigmoid (Keras 1/2's
     * clip(0.2x + 0.5)) before Keras 2.3, sigmoid from 2.3 on; "2.2.4-tf" (TensorFlow 1.13 to 2.1) is ambiguous.
     */
    @Test
    void recurrentActivationDefaultFollowsTheWritingKerasVersion() throws Exception {
        Random rng = new Random(11);
        Map<String, List<Weight>> w = Map.of("lstm_1", List.of(random(rng, "k", 3, 16), random(rng, "r", 4, 16), random(rng, "b", 16)));
        Tensor x = randomInput(rng, 2, 6, 3);
        for (String version : List.of("1.2.2", "2.0.8", "2.2.5", "2.1.6-tf")) {
            assertArrayEquals(run(lstm("hard_sigmoid"), version, w, x), run(lstm(null), version, w, x), version);
        }
        for (String version : List.of("2.3.0", "2.3.0-tf", "2.4.0", "3.15.1")) {
            assertArrayEquals(run(lstm("sigmoid"), version, w, x), run(lstm(null), version, w, x), version);
        }
        assertFalse(java.util.Arrays.equals(run(lstm("hard_sigmoid"), "2.2.4", w, x), run(lstm("sigmoid"), "2.2.4", w, x)));
        assertFalse(java.util.Arrays.equals(run(lstm("hard_sigmoid"), "2.2.4", w, x), run(lstm("hard_sigmoid"), "3.0.0", w, x)),
                "hard_sigmoid means clip(0.2x + 0.5) before Keras 3 and clip(x/6 + 0.5) from Keras 3");
        List<String> problems = ConfigModels.problems(lstm(null), "2.2.4-tf", w);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("layer 'lstm_1' (LSTM): option recurrent_activation is absent and Keras 2.2.4-tf"),
                problems.get(0));
    }

    /** Without reset_after in its config (Keras before 2.1.5 had none), a GRU is the one its bias shape says. */
    @Test
    void gruWithoutResetAfterOptionFollowsItsBiasShape() throws Exception {
        Random rng = new Random(5);
        Tensor x = randomInput(rng, 2, 6, 3);
        List<Weight> before = List.of(random(rng, "k", 3, 12), random(rng, "r", 4, 12), random(rng, "b", 12));
        List<Weight> after = List.of(before.get(0), before.get(1), random(rng, "b", 2, 12));
        assertArrayEquals(run(gru(""), "2.1.4", Map.of("gru_1", before), x),
                run(gru(", \"reset_after\": false"), "2.1.6", Map.of("gru_1", before), x));
        assertArrayEquals(run(gru(""), "2.1.4", Map.of("gru_1", after), x),
                run(gru(", \"reset_after\": true"), "2.1.6", Map.of("gru_1", after), x));
        List<String> problems = ConfigModels.problems(gru(", \"reset_after\": false"), "2.1.6", Map.of("gru_1", after));
        assertEquals(List.of("layer 'gru_1' (GRU): option reset_after=false disagrees with bias 'b' of shape (2, 12)"), problems);
    }

    /** A Keras 1 first layer may declare its input by input_dim and input_length instead of batch_input_shape. */
    @Test
    void keras1InputDimAndInputLengthDeclareTheInput() throws Exception {
        Random rng = new Random(3);
        Map<String, List<Weight>> w = Map.of("lstm_1", List.of(random(rng, "k", 3, 16), random(rng, "r", 4, 16), random(rng, "b", 16)));
        String config = "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"LSTM\", \"config\": {\"name\": \"lstm_1\","
                + " \"output_dim\": 4, \"input_dim\": 3, \"input_length\": 5, \"inner_activation\": \"hard_sigmoid\"}}]}";
        Model m = ConfigModels.build(config, "1.0.4", w);
        assertArrayEquals(new int[] {-1, 5, 3}, m.inputs().get(0).shape());
    }

    @Test
    void unknownKeras1OptionsAreNamedAllAtOnce() throws Exception {
        String config = keras1Gru("cpu").replace("\"consume_less\": \"cpu\"", "\"consume_less\": \"cpu\", \"W_constraint\": \"maxnorm\","
                + " \"peephole\": true");
        List<String> problems = ConfigModels.problems(config, "1.2.2", Map.of());
        assertTrue(problems.contains("layer 'gru_1' (GRU): option W_constraint=\"maxnorm\" is not supported"), problems.toString());
        assertTrue(problems.contains("layer 'gru_1' (GRU): option peephole=true is not supported"), problems.toString());
    }

    /**
     * A Keras 1 functional model (three-element inbound nodes) joining two LSTMs with the Merge layer computes what
     * the same model with Keras 2's Concatenate or Add computes; other modes and Sequential merges are refused.
     */
    @Test
    void keras1FunctionalMergeEqualsKeras2MergeLayers() throws Exception {
        Random rng = new Random(13);
        Map<String, List<Weight>> w = Map.of(
                "lstm_1", List.of(random(rng, "k1", 3, 16), random(rng, "r1", 4, 16), random(rng, "b1", 16)),
                "lstm_2", List.of(random(rng, "k2", 3, 16), random(rng, "r2", 4, 16), random(rng, "b2", 16)));
        Tensor x = randomInput(rng, 2, 5, 3);
        String concat = "{\"class_name\": \"Merge\", \"config\": {\"name\": \"merge_1\", \"mode\": \"concat\","
                + " \"mode_type\": \"raw\", \"concat_axis\": -1, \"dot_axes\": -1, \"output_shape\": null,"
                + " \"output_shape_type\": \"raw\", \"output_mask\": null, \"output_mask_type\": \"raw\", \"arguments\": {}}";
        assertArrayEquals(run(twoLstms("{\"class_name\": \"Concatenate\", \"config\": {\"name\": \"merge_1\", \"axis\": -1}"),
                "2.2.4", w, x), run(twoLstms(concat), "1.2.2", w, x));
        assertArrayEquals(run(twoLstms("{\"class_name\": \"Add\", \"config\": {\"name\": \"merge_1\"}"), "2.2.4", w, x),
                run(twoLstms(concat.replace("\"concat\"", "\"sum\"")), "1.2.2", w, x));
        List<String> dot = ConfigModels.problems(twoLstms(concat.replace("\"concat\"", "\"dot\"")), "1.2.2", w);
        assertEquals(List.of("layer 'merge_1' (Merge): option mode='dot' is not supported (concat, sum, mul, ave or max)"), dot);
    }

    /**
     * Inside a Bidirectional returning sequences, tf.keras (TensorFlow 2) and Keras 3 output zeros at masked steps;
     * Keras 1 and the standalone Keras 2 repeat each direction's previous output there. Valid steps agree.
     */
    @Test
    void bidirectionalMaskedStepsFollowTheWritingVersion() throws Exception {
        Random rng = new Random(17);
        List<Weight> lstm = List.of(random(rng, "k", 3, 8), random(rng, "r", 2, 8), random(rng, "b", 8));
        List<Weight> both = new ArrayList<>(lstm);
        both.addAll(List.of(random(rng, "k", 3, 8), random(rng, "r", 2, 8), random(rng, "b", 8)));
        String config = "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Masking\", \"config\": {"
                + "\"name\": \"masking_1\", \"batch_input_shape\": [null, 4, 3], \"mask_value\": 0.0}},"
                + "{\"class_name\": \"Bidirectional\", \"config\": {\"name\": \"bidirectional_1\", \"merge_mode\": \"concat\","
                + " \"layer\": {\"class_name\": \"LSTM\", \"config\": {\"name\": \"lstm_1\", \"units\": 2,"
                + " \"return_sequences\": true, \"recurrent_activation\": \"sigmoid\"}}}}]}";
        float[] x = new float[2 * 4 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        java.util.Arrays.fill(x, 3, 2 * 3, 0f);
        Tensor in = Tensor.of(x, 2, 4, 3);
        Map<String, List<Weight>> w = Map.of("bidirectional_1", both);
        float[] keras2 = run(config, "2.1.3", w, in);
        float[] tfKeras2 = run(config, "2.4.0", w, in);
        for (int i = 0; i < keras2.length; i++) {
            boolean masked = i / 4 % 4 == 1 && i / 16 == 0;
            if (masked) {
                assertEquals(0f, tfKeras2[i], "tf.keras masked step " + i);
                assertTrue(keras2[i] != 0f, "Keras 2 masked step " + i + " repeats the previous output");
            } else {
                assertEquals(keras2[i], tfKeras2[i], "valid step " + i);
            }
        }
    }

    /**
     * DL4J's Keras 2.1.4 seq2seq config (no weights in the corpus) with random weights of the shapes Keras gives its
     * layers: an encoder Bidirectional LSTM returning its states (outputs 1 to 4 of the node), Concatenate of the
     * forward and backward h and c, a decoder LSTM that takes them as initial_state (extra inbound tensors of its
     * Keras 2 node), then Dense. Checks the wiring end to end.
     */
    @Test
    void keras2Seq2seqConfigWiresBidirectionalStatesIntoTheDecoder() throws Exception {
        Path json = RealWorld.root().resolve(
                "KonduitAI+dl4j-test-resources/src/main/resources/modelimport/keras/examples/seq2seq/model_seq2seq_5549.json");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(json), "no seq2seq config in the corpus at " + json);
        Random rng = new Random(19);
        List<Weight> encoder = new ArrayList<>();
        for (int direction = 0; direction < 2; direction++) {
            encoder.addAll(List.of(random(rng, "k", 200, 1200), random(rng, "r", 300, 1200), random(rng, "b", 1200)));
        }
        Map<String, List<Weight>> w = Map.of(
                "embedding_1", List.of(random(rng, "e", 20000, 200)),
                "bidirectional_1", encoder,
                "lstm_2", List.of(random(rng, "k", 4, 2400), random(rng, "r", 600, 2400), random(rng, "b", 2400)),
                "dense_1", List.of(random(rng, "k", 600, 4), random(rng, "b", 4)));
        Model m = ConfigModels.build(Files.readString(json), "2.1.4", w);
        float[] ids = new float[2 * 20];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rng.nextInt(20000);
        }
        Tensor[] y = m.predictAll(Tensor.of(ids, 2, 20), randomInput(rng, 2, 7, 4));
        assertEquals(1, y.length);
        assertArrayEquals(new int[] {2, 7, 4}, y[0].shape());
    }

    private static float[] run(String config, String version, Map<String, List<Weight>> w, Tensor x) throws Exception {
        return ConfigModels.build(config, version, w).predict(x).toArray();
    }

    /** A Keras 1 functional model: input (5, 3), two LSTM(4) with return_sequences, then {@code merge} (without its end brace). */
    private static String twoLstms(String merge) {
        String lstm = "\"class_name\": \"LSTM\", \"config\": {\"name\": \"%s\", \"output_dim\": 4, \"return_sequences\": true,"
                + " \"inner_activation\": \"hard_sigmoid\", \"activation\": \"tanh\"}, \"inbound_nodes\": [[[\"input_1\", 0, 0]]]";
        return "{\"class_name\": \"Model\", \"config\": {\"name\": \"model_1\", \"layers\": ["
                + "{\"name\": \"input_1\", \"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": [null, 5, 3],"
                + " \"input_dtype\": \"float32\", \"sparse\": false, \"name\": \"input_1\"}, \"inbound_nodes\": []},"
                + "{\"name\": \"lstm_1\", " + String.format(lstm, "lstm_1") + "}, {\"name\": \"lstm_2\", " + String.format(lstm, "lstm_2")
                + "}, {\"name\": \"merge_1\", " + merge.substring(1) + ", \"inbound_nodes\": [[[\"lstm_1\", 0, 0], [\"lstm_2\", 0, 0]]]}],"
                + " \"input_layers\": [[\"input_1\", 0, 0]], \"output_layers\": [[\"merge_1\", 0, 0]]}}";
    }

    private static String lstm(String recurrentActivation) {
        return "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"LSTM\", \"config\": {\"name\": \"lstm_1\","
                + " \"batch_input_shape\": [null, 6, 3], \"units\": 4, \"return_sequences\": true"
                + (recurrentActivation == null ? "" : ", \"recurrent_activation\": \"" + recurrentActivation + "\"") + "}}]}";
    }

    private static String gru(String extra) {
        return "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"GRU\", \"config\": {\"name\": \"gru_1\","
                + " \"batch_input_shape\": [null, 6, 3], \"units\": 4, \"recurrent_activation\": \"sigmoid\"" + extra + "}}]}";
    }

    /** A Keras 1.2.2 GRU config with every option Keras 1 writes. */
    private static String keras1Gru(String consumeLess) {
        return "{\"class_name\": \"Sequential\", \"keras_version\": \"1.2.2\", \"config\": [{\"class_name\": \"GRU\", \"config\": {"
                + "\"name\": \"gru_1\", \"trainable\": true, \"batch_input_shape\": [null, 5, 3], \"input_dtype\": \"float32\","
                + " \"output_dim\": 4, \"init\": \"glorot_uniform\", \"inner_init\": \"orthogonal\", \"activation\": \"tanh\","
                + " \"inner_activation\": \"hard_sigmoid\", \"W_regularizer\": null, \"U_regularizer\": null,"
                + " \"b_regularizer\": null, \"dropout_W\": 0.0, \"dropout_U\": 0.0, \"return_sequences\": true,"
                + " \"go_backwards\": false, \"stateful\": false, \"unroll\": false, \"input_dim\": 3, \"input_length\": null,"
                + " \"consume_less\": \"" + consumeLess + "\"}}]}";
    }

    /** Joins part {@code part} (0 kernel, 1 recurrent kernel, 2 bias) of per-gate arrays column-wise in Keras gate order. */
    private static Weight fuse(List<Weight> perGate, int[] savedPosition, int part) {
        int gates = savedPosition.length;
        long[] shape = perGate.get(part).shape();
        int rows = shape.length == 1 ? 1 : (int) shape[0];
        int units = (int) shape[shape.length - 1];
        float[] out = new float[rows * gates * units];
        for (int g = 0; g < gates; g++) {
            float[] w = perGate.get(3 * savedPosition[g] + part).values();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(w, r * units, out, (r * gates + g) * units, units);
            }
        }
        long[] fusedShape = shape.length == 1 ? new long[] {(long) gates * units} : new long[] {rows, (long) gates * units};
        return new Weight("fused_" + part, fusedShape, out);
    }

    private static Weight random(Random rng, String name, long... shape) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextGaussian() * 0.5);
        }
        return new Weight(name, shape, v);
    }

    private static Tensor randomInput(Random rng, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextGaussian() * 2);
        }
        return Tensor.of(v, shape);
    }
}
