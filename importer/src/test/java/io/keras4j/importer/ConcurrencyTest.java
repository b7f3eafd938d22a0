package io.keras4j.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Session;
import io.keras4j.runtime.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * One model called from many threads at once gives exactly the single-threaded results; sessions carry only their
 * own states; models load from many threads at once.
 */
class ConcurrencyTest {
    private static final int THREADS = 16;

    @Test
    void sixteenThreadsMakeAHundredThousandBitIdenticalPredictions() throws Exception {
        Model model = ModelImporter.load(TestData.caseDir("lstm_u1_f1_t5_b3_last_h5").resolve("model.h5"));
        int n = 64;
        List<Tensor> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        Random random = new Random(8);
        for (int i = 0; i < n; i++) {
            float[] x = new float[5];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) random.nextGaussian();
            }
            Tensor t = Tensor.of(x, 1, 5, 1);
            inputs.add(t);
            expected.add(model.predict(t).toArray());
        }
        int perThread = 100_000 / THREADS;
        AtomicLong done = new AtomicLong();
        inParallel(t -> () -> {
            for (int r = 0; r < perThread; r++) {
                int i = (r * 7 + t) % n;
                assertArrayEquals(expected.get(i), model.predict(inputs.get(i)).toArray());
                done.incrementAndGet();
            }
            return null;
        });
        assertEquals(100_000, done.get());
    }

    @Test
    void concurrentSessionsCarryOnlyTheirOwnStates() throws Exception {
        CaseFolder c = CaseFolder.open(TestData.caseDir("seed_lstm16_h5"));
        Model model = ModelImporter.load(c.model());
        float[] all = c.inputs().get(0).toArray();
        int streams = THREADS;
        int calls = 20;
        List<List<float[]>> expected = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            expected.add(stream(model.newSession(), all, s, calls));
        }
        inParallel(s -> () -> {
            List<float[]> got = stream(model.newSession(), all, s, calls);
            for (int k = 0; k < calls; k++) {
                assertArrayEquals(expected.get(s).get(k), got.get(k), "stream " + s + " call " + k);
            }
            return null;
        });
    }

    /** Stream {@code s}: {@code calls} chunks of 10 timesteps of one sequence of the case, through one session. */
    private static List<float[]> stream(Session session, float[] all, int s, int calls) {
        List<float[]> out = new ArrayList<>();
        for (int k = 0; k < calls; k++) {
            int from = ((s * calls + k) * 10) % (all.length - 10);
            out.add(session.run(Tensor.of(java.util.Arrays.copyOfRange(all, from, from + 10), 1, 10, 1)).toArray());
        }
        return out;
    }

    @Test
    void manyModelsLoadFromManyThreadsAtOnce() throws Exception {
        List<String> names = List.of("seed_lstm16_h5", "seed_lstm16_keras", "lstm_u1_f1_t5_b3_last_h5",
                "lstm_u2_f3_t5_b2_seq_func_keras");
        List<CaseFolder> cases = new ArrayList<>();
        for (String name : names) {
            cases.add(CaseFolder.open(TestData.caseDir(name)));
        }
        List<float[]> expected = new ArrayList<>();
        for (CaseFolder c : cases) {
            expected.add(ModelImporter.load(c.model()).predictAll(c.inputs().toArray(new Tensor[0]))[0].toArray());
        }
        inParallel(t -> () -> {
            for (int r = 0; r < 3; r++) {
                int i = (t + r) % cases.size();
                CaseFolder c = cases.get(i);
                Path file = c.model();
                Model m = ModelImporter.load(file);
                assertArrayEquals(expected.get(i), m.predictAll(c.inputs().toArray(new Tensor[0]))[0].toArray(),
                        file.toString());
            }
            return null;
        });
    }

    /** Runs the task of each of {@link #THREADS} threads at once and rethrows the first failure. */
    /** A Loop and an If run their graphs per call, so threads calling one model with other steps and batches do not mix. */
    @Test
    void controlFlowServesManyThreadsAtOnce() throws Exception {
        Model model = ModelImporter.load(TestData.caseDir("onnx_torch_script_rnn_loop_if_dynamic_op17").resolve("model.onnx"));
        List<Tensor> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        Random random = new Random(86);
        for (int i = 0; i < THREADS; i++) {
            int batch = 1 + i % 3;
            int steps = 1 + i % 7;
            float[] x = new float[batch * steps * 3];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) random.nextGaussian();
            }
            Tensor t = Tensor.of(x, batch, steps, 3);
            inputs.add(t);
            expected.add(model.predict(t).toArray());
        }
        inParallel(t -> () -> {
            for (int r = 0; r < 200; r++) {
                int i = (r + t) % THREADS;
                assertArrayEquals(expected.get(i), model.predict(inputs.get(i)).toArray());
            }
            return null;
        });
    }

    private static void inParallel(java.util.function.IntFunction<Callable<Void>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                tasks.add(task.apply(t));
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
