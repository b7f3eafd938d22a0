package io.keras4j.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Session;
import io.keras4j.runtime.Tensor;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sessions: a sequence fed in chunks gives the outputs of the sequence fed whole, sessions are independent,
 * and states can be read, set and reset. Runs on the stateful golden models (return_sequences=True).
 */
class StreamingTest {

    private static Tensor timesteps(Tensor x, int from, int to) {
        int[] s = x.shape();
        int per = s[2];
        float[] all = x.toArray();
        float[] part = new float[s[0] * (to - from) * per];
        for (int b = 0; b < s[0]; b++) {
            System.arraycopy(all, (b * s[1] + from) * per, part, b * (to - from) * per, (to - from) * per);
        }
        return Tensor.of(part, s[0], to - from, per);
    }

    private static float[] concatTime(Tensor[] chunks) {
        int batch = chunks[0].dim(0);
        int width = chunks[0].dim(2);
        int time = Arrays.stream(chunks).mapToInt(c -> c.dim(1)).sum();
        float[] out = new float[batch * time * width];
        int at = 0;
        for (Tensor c : chunks) {
            float[] v = c.toArray();
            for (int b = 0; b < batch; b++) {
                System.arraycopy(v, b * c.dim(1) * width, out, (b * time + at) * width, c.dim(1) * width);
            }
            at += c.dim(1);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"stateful_lstm_h5", "stateful_gru_keras", "stateful_simple_rnn_h5"})
    void chunkedEqualsWhole(String name) throws Exception {
        CaseFolder c = CaseFolder.open(TestData.caseDir(name));
        Model model = ModelImporter.load(c.model());
        Tensor x = c.inputs().get(0);
        int time = x.dim(1);
        float[] whole = model.newSession().run(x).toArray();

        Session stepwise = model.newSession();
        Tensor[] steps = new Tensor[time];
        for (int t = 0; t < time; t++) {
            steps[t] = stepwise.run(timesteps(x, t, t + 1));
        }
        assertArrayEquals(whole, concatTime(steps), "one timestep at a time");

        Session chunked = model.newSession();
        int cut = time / 2;
        float[] twoChunks = concatTime(new Tensor[] {chunked.run(timesteps(x, 0, cut)), chunked.run(timesteps(x, cut, time))});
        assertArrayEquals(whole, twoChunks, "two chunks");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stateful_lstm_h5", "stateful_gru_keras"})
    void sessionsAreIndependentAndResettable(String name) throws Exception {
        CaseFolder c = CaseFolder.open(TestData.caseDir(name));
        Model model = ModelImporter.load(c.model());
        Tensor x = c.inputs().get(0);
        Session a = model.newSession();
        Session b = model.newSession();
        float[] first = a.run(x).toArray();
        float[] secondCall = a.run(x).toArray();
        assertNotEquals(Arrays.toString(first), Arrays.toString(secondCall), "states carry over between calls");
        assertArrayEquals(first, b.run(x).toArray(), "a second session starts from zero states");
        a.reset();
        assertArrayEquals(first, a.run(x).toArray(), "reset returns to zero states");

        String layer = a.statefulLayers().get(0);
        Tensor[] saved = a.state(layer);
        float[] next = a.run(x).toArray();
        Session restored = model.newSession();
        restored.setState(layer, saved);
        assertArrayEquals(next, restored.run(x).toArray(), "states set by hand continue the stream");

        assertTrue(x.dim(0) > 1, "the stateful cases use a batch of several sequences");
        IllegalArgumentException wrongBatch = assertThrows(IllegalArgumentException.class,
                () -> a.run(Tensor.of(new float[x.dim(1) * x.dim(2)], 1, x.dim(1), x.dim(2))));
        assertTrue(wrongBatch.getMessage().contains("batch size"), wrongBatch.getMessage());
        assertEquals(x.dim(0), saved[0].dim(0));
    }

    /** ONNX graphs whose shapes between layers are computed at run time (torch's Reshape between two LSTMs). */
    @ParameterizedTest
    @ValueSource(strings = {"onnx_torch_lstm_2layer_bidir_batchfirst_linear_op14", "onnx_torch_gru_units1_2layer_bidir_static_op14"})
    void aSessionRunsShapesResolvedAtRunTime(String name) throws Exception {
        CaseFolder c = CaseFolder.open(TestData.caseDir(name));
        Model model = ModelImporter.load(c.model());
        for (int threads = 1; threads <= 2; threads++) {
            try (Session s = model.newSession(threads)) {
                Tensor[] got = s.runAll(c.inputs().toArray(new Tensor[0]));
                for (int i = 0; i < got.length; i++) {
                    Comparison r = c.compare(0, i, got[i]);
                    assertTrue(r.passed(), name + " output " + i + ": max abs error " + r.maxAbsError());
                }
            }
        }
    }

    /** A time-major ONNX input: the session's batch is axis 1 of X, as the recurrent layer sees it. */
    @org.junit.jupiter.api.Test
    void aTimeMajorSessionCarriesStatesPerSequence() throws Exception {
        CaseFolder c = CaseFolder.open(TestData.caseDir("onnx_lstm_affine_softplus_nobias"));
        Model model = ModelImporter.load(c.model());
        Tensor x = c.inputs().get(0);
        int time = x.dim(0);
        int batch = x.dim(1);
        int features = x.dim(2);
        assertTrue(batch > 1, "the case has several sequences");
        Session s = model.newSession();
        s.runAll(x);
        String layer = s.statefulLayers().get(0);
        Tensor[] states = s.state(layer);
        assertEquals(batch, states[0].dim(0));
        Session copy = model.newSession();
        copy.setState(layer, states);
        assertArrayEquals(s.runAll(x)[0].toArray(), copy.runAll(x)[0].toArray(), "states set by hand continue the stream");

        float[] first = new float[time * features];
        float[] all = x.toArray();
        for (int t = 0; t < time; t++) {
            System.arraycopy(all, t * batch * features, first, t * features, features);
        }
        Tensor one = Tensor.of(first, time, 1, features);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.runAll(one));
        assertTrue(e.getMessage().contains("carries states for batch size " + batch + " but this call has batch size 1"),
                e.getMessage());
        s.reset();
        assertEquals(1, s.runAll(one)[0].dim(1), "Y_h (directions, batch, hidden) of one sequence");
    }

    /**
     * A state set for another batch size than the call's is refused before any layer advances its own, also where the
     * layers' shapes are resolved at run time (torch's Reshape between two LSTMs).
     */
    @ParameterizedTest
    @ValueSource(strings = {"stateful_stack_gru_lstm_srnn_3calls_func_h5", "onnx_torch_lstm_2layer_bidir_batchfirst_linear_op14"})
    void aCallRefusedForOneLayersBatchAdvancesNoLayer(String name) throws Exception {
        CaseFolder c = CaseFolder.open(TestData.caseDir(name));
        Model model = ModelImporter.load(c.model());
        Tensor[] x = c.inputs().toArray(new Tensor[0]);
        assertTrue(x[0].dim(0) > 1, "the case has several sequences");
        Session s = model.newSession();
        java.util.List<String> layers = s.statefulLayers();
        assertTrue(layers.size() > 1, "the case has several stateful layers: " + layers);
        String last = layers.get(layers.size() - 1);
        assertEquals(0, s.state(last).length, "no state before the first call");
        Session fresh = model.newSession();
        fresh.runAll(x);
        Tensor[] shaped = fresh.state(last);
        Tensor[] batchOne = new Tensor[shaped.length];
        for (int i = 0; i < shaped.length; i++) {
            batchOne[i] = Tensor.of(new float[shaped[i].dim(1)], 1, shaped[i].dim(1));
        }
        s.setState(last, batchOne);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.runAll(x));
        assertTrue(e.getMessage().contains("carries states for batch size 1 but this call has batch size " + x[0].dim(0)),
                e.getMessage());
        for (String layer : layers.subList(0, layers.size() - 1)) {
            assertEquals(0, s.state(layer).length, "layer '" + layer + "' did not advance");
        }
        s.reset();
        s.runAll(x);
        assertArrayEquals(fresh.state(last)[0].toArray(), s.state(last)[0].toArray(), "after reset it runs");
    }
}
