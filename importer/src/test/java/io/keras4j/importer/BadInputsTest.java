package io.keras4j.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.graph.ValueInfo;
import io.keras4j.runtime.io.Npy;
import io.keras4j.runtime.ops.Embedding;
import io.keras4j.runtime.ops.OpRegistry;
import io.keras4j.runtime.ops.OpSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inputs a model cannot take get an error naming expected versus given; NaN and infinities get IEEE results. */
class BadInputsTest {
    private static Model seed() throws IOException {
        return ModelImporter.load(TestData.caseDir("seed_lstm16_h5").resolve("model.h5"));
    }

    /** a + b, both (None, 3). */
    private static Model twoInputs() {
        OpSpec add = OpSpec.builder("Merge").attr("kind", "ADD").attr("masked", new int[] {0, 0}).build();
        return Model.of(new Graph(List.of(new ValueInfo("a", new int[] {-1, 3}), new ValueInfo("b", new int[] {-1, 3})),
                List.of(new Node("add", OpRegistry.create(add), List.of("a", "b"), List.of("sum"))), List.of("sum"),
                Map.of()));
    }

    /** Null inputs, an empty stack and a state of the wrong rank are named, not an NPE or AIOOBE from inside. */
    @Test
    void nullInputsEmptyStacksAndRankZeroStatesAreNamed() throws IOException {
        Model m = seed();
        String input = m.inputs().get(0).name();
        NullPointerException none = assertThrows(NullPointerException.class, () -> m.predict(null));
        assertEquals("input '" + input + "' is null", none.getMessage());
        NullPointerException inSession = assertThrows(NullPointerException.class, () -> m.newSession().run(null));
        assertEquals("input '" + input + "' is null", inSession.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> Tensor.concatRows(List.of()));
        assertEquals("no tensors to stack", empty.getMessage());
        var session = m.newSession();
        String layer = session.statefulLayers().get(0);
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> session.setState(layer, Tensor.of(new float[] {1}), Tensor.of(new float[] {1})));
        assertTrue(rank.getMessage().startsWith("state 0 of layer '" + layer + "' must be (batch, 16), got ()"),
                rank.getMessage());
    }

    @Test
    void wrongRankAndShapeNameExpectedAndGiven() throws IOException {
        Model m = seed();
        String input = m.inputs().get(0).name();
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> m.predict(Tensor.of(new float[10], 1, 10, 1, 1)));
        assertEquals("input '" + input + "' expects shape (None, 10, 1) but was given (1, 10, 1, 1)", rank.getMessage());
        IllegalArgumentException steps = assertThrows(IllegalArgumentException.class,
                () -> m.predict(Tensor.of(new float[9], 1, 9, 1)));
        assertEquals("input '" + input + "' expects shape (None, 10, 1) but was given (1, 9, 1)", steps.getMessage());
    }

    /** An error in a layer's data names the layer: here a token id past the Embedding's input_dim. */
    @Test
    void badValuesNameTheLayer() throws IOException {
        Model m = ModelImporter.load(TestData.caseDir("emb_maskzero_lstm_postpad_seq_h5").resolve("model.h5"));
        float[] ids = new float[9];
        ids[0] = 1e6f;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.predict(Tensor.of(ids, 1, 9)));
        String layer = m.graph().nodes().stream().filter(n -> n.op().type().equals("Embedding")).findFirst().orElseThrow().name();
        assertTrue(e.getMessage().startsWith("layer '" + layer + "' (Embedding): id 1000000.0 at position 0 is outside [-"),
                e.getMessage());
    }

    /**
     * A Keras 3 Embedding takes an id in [-input_dim, 0) from the table's end, as Keras 3's ops.take (golden cases
     * embedding_negative_ids_*), and refuses one below; an Embedding without that option (Keras 1/2 files) refuses any
     * negative id, as their gather does.
     */
    @Test
    void negativeIdsCountFromTheEndOnlyWithinTheTable() {
        float[] table = {1, 2, 3, 4, 5, 6};
        Model keras3 = Model.of(oneEmbedding(new Embedding(3, 2, table, false, true)));
        assertArrayEquals(new float[] {5, 6, 1, 2, 1, 2}, keras3.predict(Tensor.of(new float[] {-1, -3, -0.5f}, 1, 3)).toArray());
        IllegalArgumentException below = assertThrows(IllegalArgumentException.class,
                () -> keras3.predict(Tensor.of(new float[] {-4}, 1, 1)));
        assertTrue(below.getMessage().contains("id -4.0 at position 0 is outside [-3, 3) (input_dim 3)"), below.getMessage());
        Model keras2 = Model.of(oneEmbedding(new Embedding(3, 2, table, false, false)));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> keras2.predict(Tensor.of(new float[] {-1}, 1, 1)));
        assertTrue(negative.getMessage().contains("id -1.0 at position 0 is outside [0, 3) (input_dim 3)"),
                negative.getMessage());
    }

    private static Graph oneEmbedding(Embedding op) {
        return new Graph(List.of(new ValueInfo("ids", new int[] {-1, -1}, true)),
                List.of(new Node("embedding", op, List.of("ids"), List.of("e"))), List.of("e"), Map.of());
    }

    @Test
    void tensorDataThatDoesNotFillItsShapeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[9], 1, 10, 1));
        assertEquals("shape (1, 10, 1) holds 10 values but 9 were given", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[0], -1, 10, 1));
    }

    @Test
    void emptyBatchIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> twoInputs().predictAll(Tensor.of(new float[0], 0, 3), Tensor.of(new float[0], 0, 3)));
        assertEquals("input 'a' has an empty batch (0, 3)", e.getMessage());
    }

    @Test
    void batchSizesOfInputsMustAgree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> twoInputs().predictAll(Tensor.of(new float[6], 2, 3), Tensor.of(new float[9], 3, 3)));
        assertEquals("input 'b' has batch size 3 but the first input has 2", e.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> twoInputs().predictAll(Tensor.of(new float[6], 2, 3)));
        assertTrue(count.getMessage().startsWith("model takes 2 input(s)"), count.getMessage());
    }

    @Test
    void nanAndInfinitiesGiveIeeeResults() throws IOException {
        float[] sum = twoInputs().predictAll(Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, 1}, 1, 3),
                Tensor.of(new float[] {1, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, 1, 3))[0].toArray();
        assertTrue(Float.isNaN(sum[0]));
        assertTrue(Float.isNaN(sum[1]));
        assertEquals(Float.POSITIVE_INFINITY, sum[2]);
        float[] x = new float[10];
        x[0] = Float.POSITIVE_INFINITY;
        float y = seed().predict(Tensor.of(x, 1, 10, 1)).toArray()[0];
        assertTrue(Float.isNaN(y) || Float.isFinite(y), "an LSTM saturates or propagates NaN: " + y);
    }

    @Test
    void npyOfAnUnsupportedDtypeIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.parse(npy("<f2", 8)));
        assertEquals("unsupported dtype '<f2'; use float32, float64, a signed or unsigned integer of 8 to 64 bits, or bool",
                e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Npy.parse(npy("<U4", 4))).getMessage()
                .contains("unsupported dtype '<U4'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Npy.parse(npy("<f4", 3))).getMessage()
                .startsWith("truncated: shape (4,) of <f4 needs 16 bytes"));
    }

    @Test
    void npyOfBoolsReadsAsOnesAndZeros() {
        byte[] bools = npy("|b1", 4);
        bools[bools.length - 4] = 1;
        bools[bools.length - 2] = 1;
        assertArrayEquals(new float[] {1, 0, 1, 0}, Npy.parse(bools).toArray());
    }

    /** A .npy file of shape (4,) with {@code bytes} bytes of data. */
    private static byte[] npy(String descr, int bytes) {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (4,), }";
        header += " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }
}
