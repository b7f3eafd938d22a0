package io.keras4j.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.importer.Comparison;
import io.keras4j.importer.TestData;
import io.keras4j.importer.onnx.proto.Onnx.TensorProto;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.graph.ValueInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ONNX's own operator tests for LSTM, GRU and RNN ({@code onnx/backend/test/data/node/test_{lstm,gru,rnn,simple_rnn}_*}),
 * read from {@code ../shared/realworld} beside the repository and never copied into it. Their weights are graph
 * inputs; keras4j needs them constant, so every input after X is fixed to its test value.
 */
class OnnxBackendNodeTest {
    private static final String NODE_TESTS = "onnx+onnx/onnx/backend/test/data/node";

    static Path realworld() {
        return TestData.root().toAbsolutePath().getParent().resolve("../shared/realworld").normalize();
    }

    static List<Path> cases() throws IOException {
        Path dir = realworld().resolve(NODE_TESTS);
        if (!Files.isDirectory(dir)) {
            System.out.println("OnnxBackendNodeTest: SKIPPED, no ONNX operator tests at " + dir);
            return List.of(dir);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("test_(lstm|gru|rnn|simple_rnn)_.*")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesOnnxExpectedOutputs(Path dir) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(dir), "no ONNX operator tests at " + dir);
        Path data = dir.resolve("test_data_set_0");
        List<OnnxTensor> inputs = read(data, "input_");
        List<OnnxTensor> expected = read(data, "output_");
        byte[] model = Files.readAllBytes(dir.resolve("model.onnx"));
        List<String> names = graphInputNames(model);
        Map<String, OnnxTensor> fixed = new HashMap<>();
        for (int i = 1; i < names.size(); i++) {
            fixed.put(names.get(i), inputs.get(i));
        }
        Model m = Model.of(OnnxImporter.read(model, dir, dir.getFileName().toString(), fixed));
        List<ValueInfo> modelInputs = m.inputs();
        assertEquals(1, modelInputs.size(), "model inputs " + modelInputs);
        Tensor[] got = m.predictAll(inputs.get(0).toTensor());
        assertEquals(expected.size(), got.length, "number of outputs");
        for (int i = 0; i < got.length; i++) {
            Comparison c = Comparison.of(got[i], expected.get(i).toTensor(), 1e-5, 1e-5);
            assertTrue(c.passed(), dir.getFileName() + " output " + i + ": " + (c.sameShape() ? c.violations() + " of "
                    + c.count() + " values outside tolerance, max abs error " + c.maxAbsError() : c.detail()));
        }
    }

    private static List<String> graphInputNames(byte[] model) throws IOException {
        var g = io.keras4j.importer.onnx.proto.Onnx.ModelProto.parseFrom(model).getGraph();
        List<String> init = g.getInitializerList().stream().map(TensorProto::getName).toList();
        return g.getInputList().stream().map(v -> v.getName()).filter(n -> !init.contains(n)).toList();
    }

    private static List<OnnxTensor> read(Path dir, String prefix) throws IOException {
        List<OnnxTensor> list = new ArrayList<>();
        for (int i = 0; Files.exists(dir.resolve(prefix + i + ".pb")); i++) {
            list.add(Tensors.decode(TensorProto.parseFrom(Files.readAllBytes(dir.resolve(prefix + i + ".pb"))), null));
        }
        return list;
    }
}
