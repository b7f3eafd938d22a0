package io.keras4j.importer.onnx.export;

import com.google.protobuf.ByteString;
import io.keras4j.importer.onnx.proto.Onnx.AttributeProto;
import io.keras4j.importer.onnx.proto.Onnx.AttributeProto.AttributeType;
import io.keras4j.importer.onnx.proto.Onnx.GraphProto;
import io.keras4j.importer.onnx.proto.Onnx.NodeProto;
import io.keras4j.importer.onnx.proto.Onnx.TensorProto;
import io.keras4j.importer.onnx.proto.Onnx.TensorProto.DataType;
import io.keras4j.importer.onnx.proto.Onnx.TypeProto;
import io.keras4j.importer.onnx.proto.Onnx.ValueInfoProto;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What op exporters write into: the ONNX nodes and initializers made so far, fresh value names, values made once and
 * shared (a time-major transpose, a mask's step count), and the problems found, one per layer that cannot be written.
 */
public final class OnnxWriter {
    static final int FLOAT = DataType.FLOAT_VALUE;
    static final int INT64 = DataType.INT64_VALUE;
    static final int INT32 = DataType.INT32_VALUE;
    static final int BOOL = DataType.BOOL_VALUE;

    private final Graph graph;
    private final boolean assumeRightPadding;
    /** Where {@link #add} puts nodes: the model's graph, or the body graph being written. */
    private List<NodeProto.Builder> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final Set<String> initialized = new HashSet<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> shared = new HashMap<>();
    private final Map<String, OpSpec.WeightArray> constants = new HashMap<>();
    /** Shapes of values an exporter makes and then hands to another exporter, which asks {@link #shape}. */
    private final Map<String, int[]> declared = new HashMap<>();
    private int fresh;

    /** @param assumeRightPadding the caller's promise that every masked sequence is padded at the end only */
    public OnnxWriter(Graph graph, boolean assumeRightPadding) {
        this.graph = graph;
        this.assumeRightPadding = assumeRightPadding;
    }

    /** Writes every node of the graph, or records why it cannot be written. */
    public void writeAll() {
        for (Node node : graph.nodes()) {
            Exporters.export(node, this);
        }
    }

    public List<NodeProto.Builder> nodes() {
        return nodes;
    }

    public List<TensorProto> initializers() {
        return initializers;
    }

    /** One line per layer that cannot be written, naming it and saying why. */
    public List<String> problems() {
        return problems;
    }

    boolean assumeRightPadding() {
        return assumeRightPadding;
    }

    /** The declared shape of a value of the graph, or of one {@link #declare}d (-1 where known only at run time). */
    int[] shape(String value) {
        int[] d = declared.get(value);
        return d != null ? d.clone() : graph.shape(value);
    }

    /** Gives a value the exporter makes a shape, for the exporters it is handed to. */
    void declare(String value, int... shape) {
        declared.put(value, shape.clone());
    }

    void problem(Node node, String what) {
        problems.add("layer '" + node.name() + "' (" + node.op().type() + "): " + what);
    }

    String fresh(String base) {
        return base + "_" + fresh++;
    }

    /** The value {@code make} computes for {@code key}, made the first time it is asked for. */
    String once(String key, Function<String, String> make) {
        String made = shared.get(key);
        if (made == null) {
            made = make.apply(key);
            shared.put(key, made);
        }
        return made;
    }

    /** A node named {@code name}, added; its builder takes attributes until the model is built. */
    NodeProto.Builder addNamed(String name, String op, List<String> inputs, List<String> outputs) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).addAllInput(inputs).addAllOutput(outputs).setName(name);
        nodes.add(b);
        return b;
    }

    /** A node, added; its builder takes attributes until the model is built. */
    NodeProto.Builder add(String op, List<String> inputs, List<String> outputs) {
        return addNamed(fresh(outputs.get(0) + "/" + op), op, inputs, outputs);
    }

    /**
     * A graph attribute named {@code attribute} (a Scan's or Loop's body): the nodes {@code write} adds, with these inputs
     * (element types {@code inputTypes}) and float outputs, shapes left to the runtime. The body reads the values of the
     * enclosing graph, initializers included; values made with {@link #once} inside it stay inside it.
     */
    AttributeProto body(String attribute, List<String> inputs, List<Integer> inputTypes, List<String> outputs,
                        Runnable write) {
        List<NodeProto.Builder> enclosing = nodes;
        Map<String, String> enclosingShared = new HashMap<>(shared);
        nodes = new ArrayList<>();
        GraphProto.Builder g = GraphProto.newBuilder().setName(attribute);
        try {
            write.run();
            nodes.forEach(g::addNode);
        } finally {
            nodes = enclosing;
            shared.clear();
            shared.putAll(enclosingShared);
        }
        for (int i = 0; i < inputs.size(); i++) {
            g.addInput(typed(inputs.get(i), inputTypes.get(i)));
        }
        outputs.forEach(o -> g.addOutput(typed(o, FLOAT)));
        return AttributeProto.newBuilder().setName(attribute).setType(AttributeType.GRAPH).setG(g).build();
    }

    private static ValueInfoProto typed(String name, int elementType) {
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(elementType))).build();
    }

    /** {@code op(inputs)} into a fresh value. */
    String apply(String op, List<String> inputs, AttributeProto... attributes) {
        String y = fresh(inputs.get(0) + "/" + op);
        NodeProto.Builder b = add(op, inputs, List.of(y));
        for (AttributeProto a : attributes) {
            b.addAttribute(a);
        }
        return y;
    }

    /** {@code op(x)} into a fresh value. */
    String unary(String op, String x, AttributeProto... attributes) {
        return apply(op, List.of(x), attributes);
    }

    /** {@code op(x, y)} into a fresh value. */
    String binary(String op, String x, String y, AttributeProto... attributes) {
        return apply(op, List.of(x, y), attributes);
    }

    /** {@code x} with its axes in the order {@code perm}, into {@code out}. */
    void transpose(String x, String out, int... perm) {
        add("Transpose", List.of(x), List.of(out)).addAttribute(ints("perm", perm));
    }

    /** {@code x} with its axes in the order {@code perm}, into a fresh value. */
    String transposed(String x, int... perm) {
        String y = fresh(x + "/transposed");
        transpose(x, y, perm);
        return y;
    }

    /** Reverses {@code value} along {@code axis} with a Slice of step -1. */
    void reverse(String value, int axis, String out) {
        add("Slice", List.of(value, longs("reverse/start", -1), longs("reverse/end", Long.MIN_VALUE),
                longs("reverse/axis" + axis, axis), longs("reverse/step", -1)), List.of(out));
    }

    /** A float initializer (once per name); no dims gives a scalar. */
    String constant(String name, float[] values, int... dims) {
        if (initialized.add(name)) {
            ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                buf.putFloat(v);
            }
            TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(FLOAT)
                    .setRawData(ByteString.copyFrom(buf.array()));
            for (int d : dims) {
                t.addDims(d);
            }
            initializers.add(t.build());
        }
        return name;
    }

    /** A float scalar initializer named by its value. */
    String scalar(float value) {
        return constant("scalar_" + value, new float[] {value});
    }

    /** A one-dimensional int64 initializer (once per name). */
    String longs(String name, long... values) {
        return longs(name, new int[] {values.length}, values);
    }

    /** An int64 scalar initializer named by its value. */
    String longScalar(long value) {
        return longs("int64_scalar_" + value, new int[0], new long[] {value});
    }

    /** An int64 initializer of shape {@code dims} (once per name). */
    private String longs(String name, int[] dims, long[] values) {
        if (initialized.add(name)) {
            TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(INT64);
            for (int d : dims) {
                t.addDims(d);
            }
            for (long v : values) {
                t.addInt64Data(v);
            }
            initializers.add(t.build());
        }
        return name;
    }

    /** Writes a runtime Constant's value as a float initializer named {@code name}, remembered for {@link #int64}. */
    String constantValue(String name, OpSpec.WeightArray value) {
        constants.put(name, value);
        return constant(name, value.values(), value.shape());
    }

    /**
     * {@code value} as int64, as ONNX wants indices, shapes and counts (keras4j holds them as floats): an initializer
     * when it is a constant, else a Cast, which truncates as keras4j does.
     */
    String int64(String value) {
        OpSpec.WeightArray c = constants.get(value);
        if (c == null) {
            return once(value + "/int64", key -> unary("Cast", value, attr("to", INT64)));
        }
        long[] v = new long[c.values().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (long) c.values()[i];
        }
        return longs(value + "/int64", c.shape(), v);
    }

    /** A one-dimensional int64 initializer named by its values. */
    String longs(long... values) {
        StringBuilder name = new StringBuilder("int64");
        for (long v : values) {
            name.append('_').append(v);
        }
        return longs(name.toString(), values);
    }

    static AttributeProto attr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(v).build();
    }

    static AttributeProto attr(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(v).build();
    }

    static AttributeProto attr(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
                .setS(ByteString.copyFrom(v, StandardCharsets.UTF_8)).build();
    }

    static AttributeProto ints(String name, int... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (int x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    static AttributeProto floats(String name, List<Float> v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOATS).addAllFloats(v).build();
    }

    static AttributeProto strings(String name, List<String> v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.STRINGS);
        v.forEach(s -> a.addStrings(ByteString.copyFrom(s, StandardCharsets.UTF_8)));
        return a.build();
    }
}
