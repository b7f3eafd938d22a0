package io.keras4j.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated case reproduces Keras' outputs within the case's tolerance, and every row of a case's batch gives
 * the same bits scored alone as in the batch, unless the model has no batch to split or Keras mixes its rows.
 */
class GoldenCasesTest {
    /**
     * Keras 3's masked Softmax adds its {@code (batch, time)} mask broadcast against the input's last two axes
     * ({@code batch = time = features = 4} in these cases), so a row's output depends on the other rows' masks; ONNX
     * Runtime's DynamicQuantizeLSTM quantizes each step's h over all rows.
     */
    private static final Set<String> ROWS_DEPEND_ON_EACH_OTHER = Set.of("maskkw_bn_softmax_lstm_func_keras",
            "softmax_masked_seq_h5", "onnx_ort_quantized_dynamic_lstm_batch3_op17", "mel_spectrogram_func_keras",
            "mel_spectrogram_conv_gru_func_keras");
    /** Cases {@link #rowsAloneGiveTheBatchsBits} was given, and those it split row by row. */
    private static final AtomicInteger GIVEN = new AtomicInteger();
    private static final AtomicInteger SPLIT = new AtomicInteger();

    static List<Path> cases() {
        return TestData.cases();
    }

    @Test
    void thereAreCases() {
        assertFalse(cases().isEmpty(), "no golden cases under " + TestData.root());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKeras(Path dir) throws Exception {
        CaseFolder c = CaseFolder.open(dir);
        Model model = ModelImporter.load(c.model(), c.importOptions(ImportOptions.inProcess()));
        List<Tensor[]> calls = c.run(model);
        for (int k = 0; k < calls.size(); k++) {
            Tensor[] got = calls.get(k);
            assertEquals(c.outputs(k).size(), got.length, "number of outputs");
            for (int i = 0; i < got.length; i++) {
                Comparison r = c.compare(k, i, got[i]);
                assertTrue(r.passed(), dir.getFileName() + " call " + k + " output " + i + ": " + (r.sameShape()
                        ? r.violations() + " of " + r.count() + " values outside tolerance, max abs error " + r.maxAbsError()
                        : r.detail()));
            }
        }
    }

    /**
     * Batching changes no bit: the kernels sum every sequence in the same order whether it runs alone, in a tile of
     * several or left over from one (one thread here; the batch is split across threads by whole sequences).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rowsAloneGiveTheBatchsBits(Path dir) throws Exception {
        GIVEN.incrementAndGet();
        CaseFolder c = CaseFolder.open(dir);
        Model model = ModelImporter.load(c.model(), c.importOptions(ImportOptions.inProcess()));
        int batch = c.inputs().get(0).rank() == 0 ? 0 : c.inputs().get(0).dim(0);
        boolean batchFree = model.inputs().stream().allMatch(v -> v.batchFirst() && v.shape().length > 0 && v.shape()[0] < 0);
        assumeTrue(batchFree && !model.isStateful() && batch >= 2
                && !ROWS_DEPEND_ON_EACH_OTHER.contains(dir.getFileName().toString()), "no batch to split");
        Tensor[] all = model.predictAll(c.inputs().toArray(new Tensor[0]));
        for (int r = 0; r < batch; r++) {
            int row = r;
            Tensor[] one = model.predictAll(c.inputs().stream().map(x -> x.rows(row, row + 1)).toArray(Tensor[]::new));
            for (int i = 0; i < all.length; i++) {
                assertArrayEquals(all[i].rows(r, r + 1).toArray(), one[i].toArray(),
                        dir.getFileName() + " row " + r + " of " + batch + ", output " + i);
            }
        }
        SPLIT.incrementAndGet();
    }

    /** Given every case, the row-by-row check above split most of them, not none. */
    @AfterAll
    static void mostCasesWereSplitRowByRow() {
        if (GIVEN.get() == cases().size()) {
            assertTrue(SPLIT.get() >= 100, "only " + SPLIT.get() + " of " + GIVEN.get() + " cases were split row by row");
        }
    }
}
