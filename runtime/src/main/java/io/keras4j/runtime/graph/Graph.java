package io.keras4j.runtime.graph;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.primitive.Constant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model as every importer produces it and the runtime executes it: named inputs with declared
 * shapes, nodes in topological order, and the names of the output values. Construction checks that
 * every value is defined once, before use, and infers every value's declared shape.
 */
public final class Graph {
    private final List<ValueInfo> inputs;
    private final List<Node> nodes;
    private final List<ValueInfo> outputs;
    private final Map<String, String> metadata;
    private final Map<String, String> layerOutputs;
    private final Map<String, int[]> valueShapes;

    /**
     * @param inputs   the model inputs, batch dimension first
     * @param nodes    nodes in an order where every input is defined before use
     * @param outputs  names of the values the model returns, in order
     * @param metadata free-form facts about the source, for example {@code format} and {@code keras_version}
     * @throws IllegalArgumentException if a value is undefined, defined twice, or shapes do not fit
     */
    public Graph(List<ValueInfo> inputs, List<Node> nodes, List<String> outputs, Map<String, String> metadata) {
        this(inputs, nodes, outputs, metadata, Map.of());
    }

    /**
     * A graph that also records, for each layer of the source model, the value holding its (first) output,
     * so that outputs can be compared layer by layer.
     */
    public Graph(List<ValueInfo> inputs, List<Node> nodes, List<String> outputs, Map<String, String> metadata,
                 Map<String, String> layerOutputs) {
        this.layerOutputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layerOutputs));
        this.inputs = List.copyOf(inputs);
        this.nodes = List.copyOf(nodes);
        this.metadata = Map.copyOf(metadata);
        Map<String, int[]> shapes = new HashMap<>();
        for (ValueInfo in : this.inputs) {
            define(shapes, in.name(), in.shape(), "input");
        }
        Map<String, float[]> constants = new HashMap<>();
        for (Node node : this.nodes) {
            int[][] inShapes = new int[node.inputs().size()][];
            float[][] inValues = null; // those of Constant nodes, which decide shapes (a Slice's bounds, for example)
            for (int i = 0; i < inShapes.length; i++) {
                String v = node.inputs().get(i);
                inShapes[i] = shapes.get(v);
                if (inShapes[i] == null) {
                    throw new IllegalArgumentException("node '" + node.name() + "' reads '" + v + "', which no earlier node or input defines");
                }
                if (constants.containsKey(v)) {
                    inValues = inValues == null ? new float[inShapes.length][] : inValues;
                    inValues[i] = constants.get(v);
                }
            }
            if (node.op() instanceof Constant c && node.outputs().size() == 1) {
                constants.put(node.outputs().get(0), c.values());
            }
            int[][] outShapes;
            try {
                outShapes = node.op().outputShapes(inShapes, inValues);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer '" + node.name() + "' (" + node.op().type() + "): " + e.getMessage(), e);
            }
            if (outShapes.length != node.outputs().size()) {
                throw new IllegalArgumentException("node '" + node.name() + "' names " + node.outputs().size()
                        + " outputs but its " + node.op().type() + " op produces " + outShapes.length);
            }
            for (int i = 0; i < outShapes.length; i++) {
                define(shapes, node.outputs().get(i), outShapes[i], "node '" + node.name() + "'");
            }
        }
        Map<String, ValueInfo> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : this.layerOutputs.entrySet()) {
            if (!shapes.containsKey(e.getValue())) {
                throw new IllegalArgumentException("layer '" + e.getKey() + "' is recorded as computing '" + e.getValue()
                        + "', which no node defines");
            }
        }
        for (String name : outputs) {
            int[] s = shapes.get(name);
            if (s == null) {
                throw new IllegalArgumentException("graph output '" + name + "' is not defined by any node");
            }
            out.put(name, new ValueInfo(name, s));
        }
        this.outputs = List.copyOf(outputs.stream().map(out::get).toList());
        this.valueShapes = shapes;
    }

    private static void define(Map<String, int[]> shapes, String name, int[] shape, String by) {
        if (shapes.putIfAbsent(name, shape) != null) {
            throw new IllegalArgumentException(by + " defines value '" + name + "', which is already defined");
        }
        for (int d : shape) {
            if (d < -1) {
                throw new IllegalArgumentException(by + " gives value '" + name + "' the invalid shape " + Shapes.toString(shape));
            }
        }
    }

    public List<ValueInfo> inputs() {
        return inputs;
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** The outputs with their inferred declared shapes. */
    public List<ValueInfo> outputs() {
        return outputs;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** The declared shape of a value (-1 where known only at run time), or null for an unknown value. */
    public int[] shape(String value) {
        int[] s = valueShapes.get(value);
        return s == null ? null : s.clone();
    }

    /** Source layer name to the value holding its output, in layer order; empty when not recorded. */
    public Map<String, String> layerOutputs() {
        return layerOutputs;
    }
}
