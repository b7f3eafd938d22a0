package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.AttributeProto;
import io.keras4j.importer.onnx.proto.Onnx.AttributeProto.AttributeType;
import io.keras4j.importer.onnx.proto.Onnx.NodeProto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One ONNX node as a translator sees it: inputs (an empty name is an omitted optional input), outputs,
 * and attributes by name. Every attribute a translator reads is marked; those it never reads are reported
 * as unsupported, so no attribute is ignored silently.
 */
final class OnnxNode {
    private final NodeProto proto;
    private final String name;
    private final Map<String, AttributeProto> attributes = new LinkedHashMap<>();
    private final Set<String> read = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();

    OnnxNode(NodeProto proto, int index) {
        this.proto = proto;
        this.name = proto.getName().isEmpty() ? proto.getOpType() + "_" + index : proto.getName();
        for (AttributeProto a : proto.getAttributeList()) {
            attributes.put(a.getName(), a);
        }
    }

    String name() {
        return name;
    }

    String opType() {
        return proto.getOpType();
    }

    String domain() {
        return proto.getDomain();
    }

    /** Input {@code i}, or "" when it is omitted or past the end. */
    String input(int i) {
        return i < proto.getInputCount() ? proto.getInput(i) : "";
    }

    List<String> inputs() {
        return proto.getInputList();
    }

    int inputCount() {
        return proto.getInputCount();
    }

    /** Output {@code i}, or "" when it is omitted or past the end. */
    String output(int i) {
        return i < proto.getOutputCount() ? proto.getOutput(i) : "";
    }

    List<String> outputs() {
        return proto.getOutputList();
    }

    /** How messages name this node: {@code node 'name' (Op)}. */
    String label() {
        return "node '" + name + "' (" + opType() + ")";
    }

    /** Records a problem of this node: {@code node 'name' (Op): what}. */
    void problem(String what) {
        problems.add(label() + ": " + what);
    }

    List<String> problems() {
        return problems;
    }

    boolean has(String attribute) {
        read.add(attribute);
        return attributes.containsKey(attribute);
    }

    private AttributeProto get(String attribute, AttributeType type) {
        read.add(attribute);
        AttributeProto a = attributes.get(attribute);
        if (a == null) {
            return null;
        }
        if (!a.getRefAttrName().isEmpty()) {
            problem("attribute " + attribute + " refers to a function attribute '" + a.getRefAttrName() + "', which keras4j does not resolve");
            return null;
        }
        if (a.hasType() && a.getType() != type) {
            problem("attribute " + attribute + " has type " + a.getType() + " but must be " + type);
            return null;
        }
        return a;
    }

    long intAttr(String attribute, long fallback) {
        AttributeProto a = get(attribute, AttributeType.INT);
        return a == null ? fallback : a.getI();
    }

    float floatAttr(String attribute, float fallback) {
        AttributeProto a = get(attribute, AttributeType.FLOAT);
        return a == null ? fallback : a.getF();
    }

    String stringAttr(String attribute, String fallback) {
        AttributeProto a = get(attribute, AttributeType.STRING);
        return a == null ? fallback : a.getS().toString(StandardCharsets.UTF_8);
    }

    /** An INTS attribute, or null when absent. */
    long[] intsAttr(String attribute) {
        AttributeProto a = get(attribute, AttributeType.INTS);
        return a == null ? null : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** A FLOATS attribute, or null when absent. */
    float[] floatsAttr(String attribute) {
        AttributeProto a = get(attribute, AttributeType.FLOATS);
        if (a == null) {
            return null;
        }
        float[] v = new float[a.getFloatsCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getFloats(i);
        }
        return v;
    }

    /** A STRINGS attribute, or null when absent. */
    List<String> stringsAttr(String attribute) {
        AttributeProto a = get(attribute, AttributeType.STRINGS);
        return a == null ? null : a.getStringsList().stream().map(s -> s.toString(StandardCharsets.UTF_8)).toList();
    }

    /** A TENSOR attribute, or null when absent. */
    io.keras4j.importer.onnx.proto.Onnx.TensorProto tensorAttr(String attribute) {
        AttributeProto a = get(attribute, AttributeType.TENSOR);
        return a == null ? null : a.getT();
    }

    /** A GRAPH attribute (a branch or body of control flow), or null when absent. */
    io.keras4j.importer.onnx.proto.Onnx.GraphProto graphAttr(String attribute) {
        AttributeProto a = get(attribute, AttributeType.GRAPH);
        return a == null ? null : a.getG();
    }

    /** The attributes present that no translator read. */
    List<String> unreadAttributes() {
        return attributes.keySet().stream().filter(a -> !read.contains(a)).toList();
    }
}
