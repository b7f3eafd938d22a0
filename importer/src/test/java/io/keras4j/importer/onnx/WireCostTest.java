package io.keras4j.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.importer.Heap;
import io.keras4j.importer.ModelImportException;
import io.keras4j.importer.ModelImporter;
import io.keras4j.importer.TestData;
import io.keras4j.importer.onnx.proto.Onnx.ModelProto;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** A small ONNX file that would take a large heap to parse is refused before protobuf builds it. */
class WireCostTest {
    /** A model whose graph holds {@code mib} MiB of empty nodes, two bytes each on the wire. */
    private static byte[] emptyNodes(int mib) {
        int n = (mib << 20) / 2;
        byte[] graph = new byte[2 * n];
        for (int i = 0; i < graph.length; i += 2) {
            graph[i] = 0x0a; // GraphProto.node, length-delimited, length 0
        }
        byte[] head = {0x08, 0x08, 0x3a, (byte) (0x80 | graph.length & 0x7f), (byte) (0x80 | graph.length >>> 7 & 0x7f),
                (byte) (0x80 | graph.length >>> 14 & 0x7f), (byte) (graph.length >>> 21)};
        byte[] model = new byte[head.length + graph.length];
        System.arraycopy(head, 0, model, 0, head.length);
        System.arraycopy(graph, 0, model, head.length, graph.length);
        return model;
    }

    @Test
    void emptyMessagesCountAsObjects() {
        byte[] model = emptyNodes(2);
        assertTrue(WireCost.of(model, ModelProto.getDescriptor()) > 60L * model.length);
    }

    @Test
    void anOrdinaryModelCostsAboutItsSize() throws Exception {
        byte[] model = Files.readAllBytes(TestData.caseDir("onnx_torch_lstm_2layer_bidir_batchfirst_linear_op14").resolve("model.onnx"));
        long cost = WireCost.of(model, ModelProto.getDescriptor());
        assertTrue(cost < 8L * model.length, cost + " for " + model.length + " bytes");
    }

    @Test
    void damagedBytesEndTheScan() {
        assertTrue(WireCost.of(new byte[] {0x3a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}, ModelProto.getDescriptor()) < 1000);
    }

    @Test
    void aFileThatWouldExhaustTheHeapIsRefusedBeforeParsing() {
        byte[] model = emptyNodes((int) (Heap.budget() / 32 >> 20) + 1);
        ModelImportException e = assertThrows(ModelImportException.class, () -> ModelImporter.load(model, "nodes.onnx"));
        assertTrue(e.getMessage().startsWith("nodes.onnx: parsing the protobuf would take about"), e.getMessage());
    }
}
