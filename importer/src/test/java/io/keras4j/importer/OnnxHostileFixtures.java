package io.keras4j.importer;

import com.google.protobuf.ByteString;
import io.keras4j.importer.onnx.proto.Onnx.AttributeProto;
import io.keras4j.importer.onnx.proto.Onnx.GraphProto;
import io.keras4j.importer.onnx.proto.Onnx.ModelProto;
import io.keras4j.importer.onnx.proto.Onnx.NodeProto;
import io.keras4j.importer.onnx.proto.Onnx.StringStringEntryProto;
import io.keras4j.importer.onnx.proto.Onnx.TensorProto;
import io.keras4j.importer.onnx.proto.Onnx.TensorShapeProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The hostile and malformed {@code .onnx} files of {@code testdata/hostile}, made from the golden case {@link #BASE}
 * (one LSTM node reading X, W and R, hidden_size 4); part of {@link HostileFixtures}, and written alone by
 * {@code java -cp ... io.keras4j.importer.OnnxHostileFixtures testdata/hostile}.
 */
public final class OnnxHostileFixtures {
    static final String BASE = "onnx_lstm_affine_softplus_nobias";

    private OnnxHostileFixtures() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        addTo(files);
        HostileFixtures.write(Path.of(args[0]), files);
    }

    /** Adds every hostile ONNX file to {@code files}, by name. */
    static void addTo(Map<String, byte[]> files) throws IOException {
        byte[] bytes = Files.readAllBytes(TestData.caseDir(BASE).resolve("model.onnx"));
        ModelProto base = ModelProto.parseFrom(bytes);
        files.put("empty.onnx", new byte[0]);
        files.put("text.onnx", "this is not a model\n".getBytes(StandardCharsets.US_ASCII));
        files.put("truncated.onnx", Arrays.copyOf(bytes, bytes.length / 2));
        files.put("bit-flipped.onnx", graphLengthFlipped(bytes));
        files.put("protobuf-nested-too-deep.onnx", nested(base, 120));
        files.put("initializer-dims-2147483647.onnx", edited(base, g -> g.getInitializerBuilder(0).setDims(1, Integer.MAX_VALUE)));
        files.put("initializer-dims-negative.onnx", edited(base, g -> g.getInitializerBuilder(1).setDims(1, -16)));
        files.put("input-dim-2147483647.onnx", edited(base, g -> g.getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder()
                .getShapeBuilder().setDim(0, TensorShapeProto.Dimension.newBuilder().setDimValue(Integer.MAX_VALUE))));
        files.put("hidden-size-2147483647.onnx", edited(base, g -> hiddenSize(g, Integer.MAX_VALUE)));
        files.put("hidden-size-negative.onnx", edited(base, g -> hiddenSize(g, -4)));
        files.put("weights-disagree.onnx", edited(base, g -> g.getInitializerBuilder(1).setDims(2, 5)
                .setRawData(ByteString.copyFrom(new byte[16 * 5 * 4]))));
        files.put("missing-initializer.onnx", edited(base, g -> g.removeInitializer(1)));
        files.put("dangling-node-input.onnx", edited(base, g -> g.getNodeBuilder(0).setInput(0, "X_renamed")));
        files.put("dangling-graph-output.onnx", edited(base, g -> g.getOutputBuilder(0).setName("ghost")));
        files.put("cycle.onnx", edited(base, g -> g.addNode(node("Relu", "relu", "b", "a")).addNode(node("Tanh", "tanh", "a", "b"))
                .addOutput(g.getOutput(0).toBuilder().setName("b"))));
        files.put("value-computed-twice.onnx", edited(base, g -> g.addNode(node("Relu", "relu", "X", "Y_h"))));
        files.put("unknown-operator.onnx", edited(base, g -> g.getNodeBuilder(0).setOpType("MysteryOp")));
        files.put("external-data-dotdot.onnx", edited(base, g -> external(g, "../README.md", 0, 192)));
        files.put("external-data-absolute.onnx", edited(base, g -> external(g, "/etc/passwd", 0, 192)));
        files.put("external-data-past-end.onnx", edited(base, g -> external(g, "external-data-past-end.onnx", 1 << 20, 192)));
        files.put("external-data-huge-length.onnx", edited(base, g -> external(g.getInitializerBuilder(0).setDims(1, 1 << 29),
                "external-data-huge-length.onnx", 0, 1L << 31)));
    }

    private static byte[] edited(ModelProto base, Consumer<GraphProto.Builder> edit) {
        ModelProto.Builder m = base.toBuilder();
        edit.accept(m.getGraphBuilder());
        return m.build().toByteArray();
    }

    private static NodeProto node(String op, String name, String input, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addInput(input).addOutput(output).build();
    }

    private static void hiddenSize(GraphProto.Builder g, long value) {
        NodeProto.Builder lstm = g.getNodeBuilder(0);
        for (AttributeProto.Builder a : lstm.getAttributeBuilderList()) {
            if (a.getName().equals("hidden_size")) {
                a.setI(value);
            }
        }
    }

    /** W stored in an external file at {@code location}. */
    private static void external(GraphProto.Builder g, String location, long offset, long length) {
        external(g.getInitializerBuilder(0), location, offset, length);
    }

    private static void external(TensorProto.Builder t, String location, long offset, long length) {
        t.clearRawData().clearFloatData().setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", location)).addExternalData(entry("offset", Long.toString(offset)))
                .addExternalData(entry("length", Long.toString(length)));
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    /** The model with one bit of its graph's length flipped, so that the graph claims more bytes than the file has. */
    private static byte[] graphLengthFlipped(byte[] model) {
        byte[] out = model.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0x3a) { // field 7 (graph), length-delimited; the base has no earlier byte of this value
                out[i + 1] ^= 0x40;
                return out;
            }
        }
        throw new IllegalStateException("no graph field in " + BASE);
    }

    /** The model with its graph nested {@code depth} times in graph attributes of Identity-like nodes. */
    private static byte[] nested(ModelProto base, int depth) {
        GraphProto g = base.getGraph();
        for (int i = 0; i < depth; i++) {
            g = GraphProto.newBuilder().setName("level" + i).addNode(NodeProto.newBuilder().setOpType("If")
                    .addAttribute(AttributeProto.newBuilder().setName("then_branch").setType(AttributeProto.AttributeType.GRAPH)
                            .setG(g))).build();
        }
        return base.toBuilder().setGraph(g).build().toByteArray();
    }
}
