package io.keras4j.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One model called from many threads at once gives exactly the single-threaded results. */
class ConcurrencyTest {
    @Test
    void manyThreadsGetBitIdenticalResults() throws Exception {
        CaseFolder c = CaseFolder.open(TestData.caseDir("seed_lstm32_keras"));
        Model model = ModelImporter.load(c.model());
        float[] all = c.inputs().get(0).toArray();
        int n = 64;
        List<Tensor> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] one = java.util.Arrays.copyOfRange(all, i * 10, i * 10 + 10);
            Tensor x = Tensor.of(one, 1, 10, 1);
            inputs.add(x);
            expected.add(model.predict(x).toArray());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    for (int r = 0; r < 200; r++) {
                        int i = (r * 7 + offset) % n;
                        assertArrayEquals(expected.get(i), model.predict(inputs.get(i)).toArray());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
