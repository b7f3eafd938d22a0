package io.keras4j.importer.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import io.keras4j.importer.Heap;
import io.keras4j.importer.ModelImportException;
import io.keras4j.importer.onnx.proto.Onnx.GraphProto;
import io.keras4j.importer.onnx.proto.Onnx.ModelProto;
import io.keras4j.importer.onnx.proto.Onnx.NodeProto;
import io.keras4j.importer.onnx.proto.Onnx.OperatorSetIdProto;
import io.keras4j.importer.onnx.proto.Onnx.TensorProto;
import io.keras4j.importer.onnx.proto.Onnx.TensorShapeProto;
import io.keras4j.importer.onnx.proto.Onnx.TypeProto;
import io.keras4j.importer.onnx.proto.Onnx.ValueInfoProto;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.graph.ValueInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads ONNX models into keras4j graphs: one translator per operator, constant subgraphs folded at import,
 * every problem of the model reported at once.
 */
public final class OnnxImporter {
    /** The oldest and newest default-domain operator sets keras4j reads. */
    static final int MIN_OPSET = 7;
    static final int MAX_OPSET = 26;
    /** Largest graph input dimension accepted, as for Keras layer sizes. */
    static final int MAX_DIMENSION = 1 << 24;
    /** Largest file: protobuf's limit for one message. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private OnnxImporter() {
    }

    /**
     * Whether the first bytes look like an ONNX ModelProto: protobuf fields of ModelProto's numbers with
     * its wire types, starting with a small ir_version or a string/message field.
     */
    public static boolean looksLikeOnnx(byte[] head, int n) {
        int at = 0;
        int fields = 0;
        while (at < n && fields < 2) {
            int tag = head[at++] & 0xff;
            if (tag >= 0x80) {
                return false;
            }
            int field = tag >>> 3;
            int wire = tag & 7;
            boolean varint = field == 1 || field == 5;
            boolean bytes = field >= 2 && field <= 8 && field != 5 || field == 14 || field == 20 || field == 25;
            if (!(varint && wire == 0 || bytes && wire == 2)) {
                return false;
            }
            if (varint) {
                while (at < n && (head[at] & 0x80) != 0) {
                    at++;
                }
                at++;
            } else {
                return fields > 0 || field == 2 || field == 7 || field == 8;
            }
            fields++;
        }
        return fields > 0;
    }

    /**
     * Reads an ONNX model file; its size is checked against protobuf's limit and the free heap before it is read.
     *
     * @param name the file name used in messages
     */
    public static Graph read(Path file, String name) throws IOException {
        long size = Files.size(file);
        if (size > Math.min(MAX_FILE_BYTES, Heap.budget())) {
            throw new ModelImportException(name, List.of("the file has " + size + " bytes, more than keras4j reads for an"
                    + " ONNX model (2 GiB, the protobuf limit, and " + Heap.describeBudget() + ")"));
        }
        return read(Files.readAllBytes(file), file.toAbsolutePath().getParent(), name);
    }

    /**
     * Reads an ONNX model.
     *
     * @param folder the model's folder, where external data files are looked up; null for a model in memory
     * @param name   the file name used in messages
     */
    public static Graph read(byte[] content, Path folder, String name) throws IOException {
        return read(content, folder, name, Map.of());
    }

    /**
     * Reads an ONNX model whose inputs named in {@code fixedInputs} are given fixed values, as the ONNX
     * operator tests give weights as inputs; those inputs become constants.
     */
    public static Graph read(byte[] content, Path folder, String name, Map<String, OnnxTensor> fixedInputs) throws IOException {
        long heap = WireCost.of(content, ModelProto.getDescriptor());
        if (heap > Heap.budget()) {
            throw new ModelImportException(name, List.of("parsing the protobuf would take about " + (heap >> 20)
                    + " MiB of heap for its " + content.length + " bytes, more than " + Heap.describeBudget()
                    + ": a hostile or damaged file"));
        }
        ModelProto model;
        try {
            model = ModelProto.parseFrom(content);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelImportException(name, "not a readable ONNX model (protobuf: " + e.getMessage() + ")", e);
        }
        if (!model.hasGraph()) {
            throw new ModelImportException(name, List.of("ONNX model has no graph"));
        }
        List<String> problems = new ArrayList<>();
        int opset = opset(model, problems);
        OnnxGraphBuilder b = new OnnxGraphBuilder(opset, folder);
        GraphProto g = model.getGraph();
        List<String> defined = defineInitializers(g, b, problems);
        Set<String> initializers = new HashSet<>(defined);
        List<ValueInfo> inputs = new ArrayList<>();
        for (ValueInfoProto in : g.getInputList()) {
            if (initializers.contains(in.getName())) {
                continue;
            }
            defined.add(in.getName());
            OnnxTensor fixed = fixedInputs.get(in.getName());
            if (fixed != null) {
                b.defineConstant(in.getName(), fixed);
                continue;
            }
            int[] shape = inputShape(in, problems);
            if (shape != null) {
                b.defineInput(in.getName(), shape, in.getType().getTensorType().getElemType());
                inputs.add(new ValueInfo(in.getName(), shape, false));
            } else {
                b.unavailable(List.of(in.getName()));
            }
        }
        translateNodes(g, defined, b, problems);
        List<String> outputs = outputs(g, b, problems);
        if (!problems.isEmpty()) {
            throw new ModelImportException(name, problems);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "onnx");
        metadata.put("ir_version", Long.toString(model.getIrVersion()));
        metadata.put("opset", Integer.toString(opset));
        metadata.put("producer", (model.getProducerName() + " " + model.getProducerVersion()).trim());
        try {
            return new Graph(inputs, b.nodesFor(outputs), outputs, metadata);
        } catch (IllegalArgumentException e) {
            throw new ModelImportException(name, "the translated graph is inconsistent: " + e.getMessage(), e);
        }
    }

    /**
     * Defines a graph's initializers in {@code b}, noting those it cannot read in {@code problems}.
     *
     * @return their names, in file order
     */
    static List<String> defineInitializers(GraphProto g, OnnxGraphBuilder b, List<String> problems) throws IOException {
        if (g.getSparseInitializerCount() > 0) {
            problems.add("the graph has sparse initializers, which keras4j does not read");
        }
        List<String> names = new ArrayList<>();
        for (TensorProto t : g.getInitializerList()) {
            names.add(t.getName());
            try {
                b.defineInitializer(t.getName(), Tensors.decode(t, b.folder()));
            } catch (IllegalArgumentException e) {
                problems.add("initializer: " + e.getMessage());
                b.unavailable(List.of(t.getName()));
            }
        }
        return names;
    }

    /**
     * Translates a graph's nodes into {@code b}, noting every problem in {@code problems}.
     *
     * @param defined the values defined before any node: the graph's inputs and initializers, in file order
     */
    static void translateNodes(GraphProto g, List<String> defined, OnnxGraphBuilder b, List<String> problems) {
        List<OnnxNode> nodes = new ArrayList<>();
        for (NodeProto proto : g.getNodeList()) {
            nodes.add(new OnnxNode(proto, nodes.size()));
        }
        GraphOrder order = new GraphOrder(defined, nodes);
        problems.addAll(order.problems());
        for (int i = 0; i < nodes.size(); i++) {
            if (!order.redefines(i)) {
                translate(nodes.get(i), order, b);
                problems.addAll(nodes.get(i).problems());
            }
        }
    }

    /** A graph's outputs, made available to runtime nodes; those it cannot give are noted in {@code problems}. */
    static List<String> outputs(GraphProto g, OnnxGraphBuilder b, List<String> problems) {
        List<String> outputs = new ArrayList<>();
        for (ValueInfoProto out : g.getOutputList()) {
            String v = out.getName();
            if (!b.isDefined(v)) {
                problems.add("graph output '" + v + "' is not computed by any node");
            } else if (!b.isUnavailable(v) && !b.isTensor(v)) {
                problems.add("graph output '" + v + "' is " + (b.sequence(v) != null ? "a sequence" : "an optional")
                        + "; keras4j's outputs are tensors (sequences and optionals are resolved at import)");
            } else if (!b.isUnavailable(v)) {
                try {
                    b.materialize(v);
                    outputs.add(v);
                } catch (IllegalArgumentException e) {
                    problems.add("graph output '" + v + "': " + e.getMessage());
                }
            }
        }
        return outputs;
    }

    private static int opset(ModelProto model, List<String> problems) {
        int opset = -1;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                opset = (int) o.getVersion();
            }
        }
        if (opset < 0) {
            opset = model.getIrVersion() <= 2 ? 1 : -1;
        }
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            problems.add("the model uses ONNX operator set " + opset + "; keras4j reads opsets " + MIN_OPSET + " to " + MAX_OPSET);
        }
        return opset;
    }

    private static int[] inputShape(ValueInfoProto in, List<String> problems) {
        TypeProto type = in.getType();
        String what = "graph input '" + in.getName() + "'";
        if (!type.hasTensorType()) {
            problems.add(what + " is not a tensor (" + type.getValueCase() + ")");
            return null;
        }
        int elem = type.getTensorType().getElemType();
        if (!DataTypes.isFloat(elem) && !DataTypes.isInteger(elem)) {
            problems.add(what + " has element type " + DataTypes.name(elem) + "; keras4j takes float, integer and bool inputs");
            return null;
        }
        if (!type.getTensorType().hasShape()) {
            problems.add(what + " has no declared shape; keras4j needs at least each input's rank");
            return null;
        }
        List<TensorShapeProto.Dimension> dims = type.getTensorType().getShape().getDimList();
        int[] shape = new int[dims.size()];
        for (int d = 0; d < shape.length; d++) {
            TensorShapeProto.Dimension dim = dims.get(d);
            long v = dim.hasDimValue() ? dim.getDimValue() : -1;
            if (dim.hasDimValue() && (v < 0 || v > MAX_DIMENSION)) {
                problems.add(what + " declares dimension " + d + " as " + v + "; keras4j accepts 0 to " + MAX_DIMENSION
                        + " (2^24), or a named dimension");
                return null;
            }
            shape[d] = (int) v;
        }
        return shape;
    }

    private static void translate(OnnxNode node, GraphOrder order, OnnxGraphBuilder b) {
        Set<String> missing = new LinkedHashSet<>();
        for (int i = 0; i < node.inputCount(); i++) {
            String in = node.input(i);
            if (!in.isEmpty() && !b.isDefined(in) && missing.add(in)) {
                node.problem("input " + i + " is not available: " + order.whyMissing(in));
            }
        }
        if (!missing.isEmpty()) {
            b.unavailable(node.outputs());
            return;
        }
        // an unsupported operator is reported even after one before it, so that one error lists every operator to add
        String domain = node.domain();
        OpTranslator t = Translators.forOp(node.opType(), domain);
        if (t == null) {
            node.problem(Translators.unsupportedReason(node.opType(), domain));
            b.unavailable(node.outputs());
            return;
        }
        for (int i = 0; i < node.inputCount(); i++) {
            if (b.isUnavailable(node.input(i))) {
                b.unavailable(node.outputs());
                return;
            }
        }
        for (int i = 0; i < t.requiredInputs(); i++) {
            if (node.input(i).isEmpty()) {
                node.problem("input " + i + " is missing");
                b.unavailable(node.outputs());
                return;
            }
        }
        int problems = node.problems().size();
        try {
            t.translate(node, b);
        } catch (IllegalArgumentException e) { // a value a translator cannot use, such as a weight with no float32
            node.problem(e.getMessage());
            b.unavailable(node.outputs());
            return;
        }
        for (String out : node.outputs()) {
            if (!out.isEmpty() && !b.isDefined(out)) {
                b.unavailable(List.of(out));
            }
        }
        if (node.problems().size() > problems) {
            return; // a translator that stops at a problem leaves supported attributes unread
        }
        for (String a : node.unreadAttributes()) {
            node.problem("attribute " + a + " is not supported");
        }
    }
}
