package io.keras4j.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.graph.ValueInfo;
import io.keras4j.runtime.ops.Identity;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import io.keras4j.runtime.ops.primitive.Cast;
import io.keras4j.runtime.ops.primitive.ShapeOf;
import io.keras4j.runtime.ops.primitive.Unsqueeze;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The graph section keeps what ONNX graphs need (time-major inputs, long attributes); version 1 files still load. */
class NativeModelFormatTest {

    private static byte[] bytes(Graph graph) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NativeModel.write(graph, null, out);
        return out.toByteArray();
    }

    @Test
    void inputsKeepWhetherAxisZeroIsTheBatch() throws IOException {
        Graph graph = new Graph(List.of(new ValueInfo("x", new int[] {-1, 3, 2}, false), new ValueInfo("z", new int[] {-1, 4})),
                List.of(new Node("u", new Unsqueeze(new long[] {0}), List.of("x"), List.of("y")),
                        new Node("s", new ShapeOf(-2, Long.MAX_VALUE), List.of("x"), List.of("shape")),
                        new Node("d", new Identity("Dropout"), List.of("z"), List.of("z_out"))),
                List.of("y", "shape", "z_out"), Map.of("format", "onnx"));
        Graph read = NativeModel.read(bytes(graph), "model.k4j").graph();
        assertFalse(read.inputs().get(0).batchFirst());
        assertTrue(read.inputs().get(1).batchFirst());
        Tensor x = Tensor.of(new float[30], 5, 3, 2);
        Tensor z = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4);
        Tensor[] want = Model.of(graph).predictAll(x, z);
        Tensor[] got = Model.of(read).predictAll(x, z);
        for (int i = 0; i < want.length; i++) {
            assertArrayEquals(want[i].shape(), got[i].shape());
            assertArrayEquals(want[i].toArray(), got[i].toArray());
        }
        assertArrayEquals(new float[] {3, 2}, got[1].toArray());
    }

    /** A version 1 file, written field by field: input "x" (-1, 2) through an Identity to the output. */
    private static byte[] version1() {
        ByteBuffer h = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0).putInt(0).putInt(1);
        string(h, "x");
        h.putInt(2).putInt(-1).putInt(2).putInt(1);
        string(h, "y");
        h.putInt(1);
        string(h, "id");
        h.putInt(1);
        string(h, "x");
        h.putInt(1);
        string(h, "y");
        string(h, "Identity");
        h.putInt(1);
        string(h, "stands_for");
        h.put((byte) 4);
        string(h, "Dropout");
        h.putInt(0).put((byte) 0);
        byte[] header = Arrays.copyOf(h.array(), (h.position() + 63) / 64 * 64);
        CRC32C crc = new CRC32C();
        crc.update(header);
        ByteBuffer file = ByteBuffer.allocate(64 + header.length).order(ByteOrder.LITTLE_ENDIAN);
        file.put("K4JMODEL".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(0).putLong(header.length).putLong(0)
                .putInt((int) crc.getValue());
        return file.position(64).put(header).array();
    }

    private static void string(ByteBuffer b, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        b.putInt(utf8.length).put(utf8);
    }

    @Test
    void aVersion1FileIsReadWithBatchFirstInputs() throws IOException {
        Graph graph = NativeModel.read(version1(), "old.k4j").graph();
        assertTrue(graph.inputs().get(0).batchFirst());
        assertEquals("Dropout", graph.nodes().get(0).op().type());
        assertArrayEquals(new float[] {1, 2}, Model.of(graph).predict(Tensor.of(new float[] {1, 2}, 1, 2)).toArray());
    }

    /** An op written with a spec of its own choosing: a Cast as an older keras4j wrote it. */
    private record WrittenAs(OpSpec spec) implements Op {
        @Override
        public String type() {
            return spec.type();
        }

        @Override
        public int[][] outputShapes(int[][] in) {
            return in;
        }

        @Override
        public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * Casts of version 1 and 2 files compute as those versions did: toward zero; wrapped into the width the file gives
     * (version 2), none before (version 1 and early version 2); NaN and infinities unchanged.
     */
    @Test
    void aVersion2FileCastsAsItDidThen() throws IOException {
        OpSpec noWidth = OpSpec.builder("Cast").attr("mode", "TRUNCATE").build();
        Graph graph = new Graph(List.of(new ValueInfo("x", new int[] {-1, 5})),
                List.of(new Node("none", new WrittenAs(noWidth), List.of("x"), List.of("a")),
                        new Node("int8", Cast.floatToInteger(8, true), List.of("x"), List.of("b"))),
                List.of("a", "b"), Map.of());
        byte[] file = bytes(graph);
        assertEquals(3, file[8]);
        file[8] = 2;
        Tensor x = Tensor.of(new float[] {Float.NaN, 1e20f, -300.7f, 3e9f, Float.NEGATIVE_INFINITY}, 1, 5);
        Tensor[] got = Model.of(NativeModel.read(file, "old.k4j").graph()).predictAll(x);
        assertArrayEquals(new float[] {Float.NaN, 1e20f, -300, 3e9f, Float.NEGATIVE_INFINITY}, got[0].toArray());
        assertArrayEquals(new float[] {Float.NaN, -1, -44, 0, Float.NEGATIVE_INFINITY}, got[1].toArray());

        Graph current = new Graph(graph.inputs(), graph.nodes().subList(1, 2), List.of("b"), Map.of());
        assertArrayEquals(new float[] {0, 0, -44, 0, 0}, Model.of(NativeModel.read(bytes(current), "new.k4j").graph())
                .predict(x).toArray(), "version 3: as ONNX Runtime");
    }

    @Test
    void anUnknownVersionIsRefused() {
        byte[] file = version1();
        file[8] = 9;
        IOException e = assertThrows(IOException.class, () -> NativeModel.read(file, "future.k4j"));
        assertEquals("future.k4j: format version 9 is not supported (this keras4j reads versions 1 to 3)", e.getMessage());
    }

    /** A graph of these inputs that gives x. */
    private static Graph passing(List<ValueInfo> inputs) {
        return new Graph(inputs, List.of(new Node("id", new Identity("Identity"), List.of("x"), List.of("y"))), List.of("y"), Map.of());
    }

    /** A graph whose If nests {@code depth} levels of If in its then-branches, each choosing by c and passing x on. */
    private static Graph nestedIfs(int depth) {
        Graph branch = passing(List.of(new ValueInfo("x", new int[] {2}, false)));
        for (int level = 0; level < depth; level++) {
            List<ValueInfo> reads = new java.util.ArrayList<>(List.of(new ValueInfo("c", new int[] {1}, false)));
            reads.addAll(branch.inputs().stream().filter(v -> !v.name().equals("c")).toList());
            List<String> in = new java.util.ArrayList<>(List.of("c"));
            in.addAll(branch.inputs().stream().map(ValueInfo::name).toList());
            branch = new Graph(reads, List.of(new Node("if" + level, new io.keras4j.runtime.ops.flow.If(branch, passing(branch.inputs())), in,
                    List.of("y"))), List.of("y"), Map.of());
        }
        return branch;
    }

    @Test
    void graphAttributesRoundTripAndTheirNestingIsBounded() throws IOException {
        Graph graph = nestedIfs(3);
        Graph read = NativeModel.read(bytes(graph), "flow.k4j").graph();
        Tensor c = Tensor.of(new float[] {1}, 1);
        Tensor x = Tensor.of(new float[] {3, 4}, 2);
        assertArrayEquals(new float[] {3, 4}, Model.of(read).predictAll(c, x)[0].toArray());
        IOException e = assertThrows(IOException.class, () -> NativeModel.read(bytes(nestedIfs(40)), "deep.k4j"));
        assertEquals("deep.k4j: malformed header: graph attributes nested more than 32 deep", e.getMessage());
    }
}
