package io.keras4j.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.importer.CaseFolder;
import io.keras4j.importer.Comparison;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.graph.ValueInfo;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.Activation.Kind;
import io.keras4j.runtime.ops.BidirectionalMerge;
import io.keras4j.runtime.ops.Dense;
import io.keras4j.runtime.ops.Embedding;
import io.keras4j.runtime.ops.Gru;
import io.keras4j.runtime.ops.Lstm;
import io.keras4j.runtime.ops.Masking;
import io.keras4j.runtime.ops.RecurrentOptions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Masks exported as sequence_lens under --assume-right-padding: ONNX Runtime on the exported model gives the
 * outputs of keras4j's Keras-semantics runtime (itself checked against Keras' masked golden cases) for
 * right-padded input; without the assumption, and where ONNX cannot agree with Keras, a Scan gives them for any mask.
 */
class MaskedExportTest {
    private static final Random RANDOM = new Random(7);

    private static float[] random(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (RANDOM.nextDouble() - 0.5);
        }
        return v;
    }

    /** Masking -> LSTM (last output) -> Dense. */
    private static Graph maskingLstm() {
        RecurrentOptions o = RecurrentOptions.DEFAULTS.withMask(true);
        return new Graph(List.of(new ValueInfo("x", new int[] {-1, -1, 3})), List.of(
                new Node("masking", new Masking(0f), List.of("x"), List.of("masked", "mask")),
                new Node("lstm", new Lstm(3, 4, random(48), random(64), random(16), Activation.of(Kind.TANH),
                        Activation.of(Kind.SIGMOID), o), List.of("masked", "mask"), List.of("h")),
                new Node("dense", new Dense(4, 2, random(8), random(2), Activation.of(Kind.SOFTMAX)), List.of("h"), List.of("y"))),
                List.of("y"), Map.of());
    }

    /** Embedding(mask_zero) -> Bidirectional(GRU, return_sequences), as Keras builds it. */
    private static Graph embeddingBidirectionalGru() {
        RecurrentOptions o = RecurrentOptions.DEFAULTS.withMask(true).withReturnSequences(true).withZeroOutputForMask(true);
        Activation tanh = Activation.of(Kind.TANH);
        Activation sigmoid = Activation.of(Kind.SIGMOID);
        return new Graph(List.of(new ValueInfo("ids", new int[] {-1, 6})), List.of(
                new Node("embedding", new Embedding(10, 3, random(30), true, false), List.of("ids"), List.of("e", "mask")),
                new Node("forward_gru", new Gru(3, 4, random(36), random(48), random(12), random(12), true, tanh, sigmoid, o),
                        List.of("e", "mask"), List.of("f")),
                new Node("backward_gru", new Gru(3, 4, random(36), random(48), random(12), random(12), true, tanh, sigmoid,
                        o.withGoBackwards(true)), List.of("e", "mask"), List.of("b")),
                new Node("bidirectional", new BidirectionalMerge(BidirectionalMerge.Mode.CONCAT, true), List.of("f", "b"),
                        List.of("y"))), List.of("y"), Map.of());
    }

    @Test
    void maskingBeforeAnLstmBecomesSequenceLengths() throws Exception {
        float[] x = random(3 * 5 * 3);
        int[] lengths = {5, 2, 0};
        for (int b = 0; b < 3; b++) {
            for (int t = lengths[b]; t < 5; t++) {
                java.util.Arrays.fill(x, (b * 5 + t) * 3, (b * 5 + t + 1) * 3, 0f);
            }
        }
        check(maskingLstm(), Tensor.of(x, 3, 5, 3));
    }

    @Test
    void embeddingMaskBeforeABidirectionalGruBecomesSequenceLengths() throws Exception {
        float[] ids = {3, 1, 4, 1, 5, 9, 2, 6, 5, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        check(embeddingBidirectionalGru(), Tensor.of(ids, 4, 6));
    }

    private static void check(Graph g, Tensor x) throws Exception {
        check(g, x, OnnxExporter.export(g, "masked", true));
    }

    private static void check(Graph g, Tensor x, byte[] onnx) throws Exception {
        Tensor want = Model.of(g).predict(x);
        Tensor got = OnnxRuntimeCrossCheckTest.runOrt(onnx, null, List.of(x)).get(0);
        Comparison c = Comparison.of(got, want, CaseFolder.DEFAULT_TOLERANCE, CaseFolder.DEFAULT_TOLERANCE);
        assertTrue(c.passed(), c.sameShape() ? "max abs error " + c.maxAbsError() : c.detail());
    }

    /** Without the assumption, or where sequence_lens disagrees with Keras, a masked layer is a Scan, exact for any mask. */
    @Test
    void masksWithHolesOrRepeatedOutputsBecomeAScan() throws Exception {
        float[] x = random(3 * 5 * 3);
        for (int[] bt : new int[][] {{0, 0}, {0, 3}, {1, 1}, {1, 2}, {2, 4}}) {
            java.util.Arrays.fill(x, (bt[0] * 5 + bt[1]) * 3, (bt[0] * 5 + bt[1] + 1) * 3, 0f);
        }
        Tensor in = Tensor.of(x, 3, 5, 3);
        Graph lstm = maskingLstm();
        byte[] scan = OnnxExporter.export(lstm, "m");
        assertTrue(new String(scan, java.nio.charset.StandardCharsets.ISO_8859_1).contains("Scan"));
        check(lstm, in, scan);
        RecurrentOptions repeats = RecurrentOptions.DEFAULTS.withMask(true).withReturnSequences(true).withGoBackwards(true);
        Graph g = new Graph(List.of(new ValueInfo("x", new int[] {-1, 5, 3})), List.of(
                new Node("masking", new Masking(0f), List.of("x"), List.of("masked", "mask")),
                new Node("lstm", new Lstm(3, 4, random(48), random(64), null, Activation.of(Kind.TANH), Activation.of(Kind.SIGMOID),
                        repeats), List.of("masked", "mask"), List.of("y"))), List.of("y"), Map.of());
        check(g, in, OnnxExporter.export(g, "m", true));
    }
}
