package io.keras4j.importer.onnx;

import io.keras4j.importer.onnx.proto.Onnx.GraphProto;
import io.keras4j.importer.onnx.proto.Onnx.ValueInfoProto;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.graph.ValueInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A graph attribute of a control-flow node (If's branches, Loop's and Scan's bodies) translated: into a builder of its
 * own whose inputs the node gives, or inlined into the node's graph (an If whose condition is known at import).
 * Problems inside it are the node's, named by the attribute.
 */
final class Subgraph {
    private final OnnxNode node;
    private final String attribute;
    private final OnnxGraphBuilder outer;
    private final OnnxGraphBuilder b;
    private final List<ValueInfo> inputs;
    private final List<String> outputs;

    private Subgraph(OnnxNode node, String attribute, OnnxGraphBuilder outer, OnnxGraphBuilder b, List<ValueInfo> inputs,
                     List<String> outputs) {
        this.node = node;
        this.attribute = attribute;
        this.outer = outer;
        this.b = b;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /**
     * Translates graph attribute {@code attribute} of {@code node}, whose inputs get these shapes and element types, in a
     * builder of its own; null (after noting why on the node) when it cannot be.
     */
    static Subgraph of(OnnxNode node, String attribute, OnnxGraphBuilder outer, List<int[]> shapes, List<Integer> types) {
        GraphProto g = graph(node, attribute);
        return g == null ? null : of(node, attribute, g, outer, shapes, types);
    }

    /** Translates {@code g}, graph attribute {@code attribute} of {@code node} as the importer rewrote it. */
    static Subgraph of(OnnxNode node, String attribute, GraphProto g, OnnxGraphBuilder outer, List<int[]> shapes,
                       List<Integer> types) {
        if (g.getInputCount() != shapes.size()) {
            node.problem("attribute " + attribute + " has " + g.getInputCount() + " inputs; " + node.opType() + " gives it "
                    + shapes.size());
            return null;
        }
        OnnxGraphBuilder b = outer.subgraph();
        List<String> problems = new ArrayList<>();
        List<String> defined = initializers(node, g, b, problems);
        List<ValueInfo> inputs = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            ValueInfoProto in = g.getInput(i);
            if (in.hasType() && !in.getType().hasTensorType()) {
                problems.add("input '" + in.getName() + "' is a " + in.getType().getValueCase() + "; keras4j takes tensors only");
            }
            b.defineInput(in.getName(), shapes.get(i), types.get(i));
            inputs.add(new ValueInfo(in.getName(), shapes.get(i), false));
            defined.add(in.getName());
        }
        OnnxImporter.translateNodes(g, defined, b, problems);
        Subgraph s = new Subgraph(node, attribute, outer, b, inputs, OnnxImporter.outputs(g, b, problems));
        return s.noted(problems) && s.outputs.size() == g.getOutputCount() ? s : null;
    }

    /**
     * Translates graph attribute {@code attribute} of {@code node} into the node's own graph and defines the node's
     * outputs as the attribute's; false (after noting why on the node) when it cannot be.
     */
    static boolean inline(OnnxNode node, String attribute, OnnxGraphBuilder outer) {
        GraphProto g = graph(node, attribute);
        if (g == null) {
            return false;
        }
        List<String> problems = new ArrayList<>();
        List<String> defined = initializers(node, g, outer, problems);
        OnnxImporter.translateNodes(g, defined, outer, problems);
        Subgraph s = new Subgraph(node, attribute, outer, outer, List.of(), OnnxImporter.outputs(g, outer, problems));
        if (!s.noted(problems) || !s.outputCount(node.outputs().size())) {
            return false;
        }
        boolean ok = true;
        for (int i = 0; i < s.outputs.size(); i++) {
            String v = s.outputs.get(i);
            ok &= outer.alias(node, v, node.output(i));
        }
        return ok;
    }

    private static GraphProto graph(OnnxNode node, String attribute) {
        GraphProto g = node.graphAttr(attribute);
        if (g == null && node.problems().isEmpty()) {
            node.problem("attribute " + attribute + " is missing");
        }
        return g;
    }

    private static List<String> initializers(OnnxNode node, GraphProto g, OnnxGraphBuilder b, List<String> problems) {
        try {
            return OnnxImporter.defineInitializers(g, b, problems);
        } catch (IOException e) {
            problems.add("initializer: " + e.getMessage());
            return new ArrayList<>();
        }
    }

    /** Notes the problems on the node, named by the attribute; whether there were none. */
    private boolean noted(List<String> problems) {
        for (String p : problems) {
            node.problem(attribute + ": " + p);
        }
        return problems.isEmpty();
    }

    /** Whether the graph gives {@code n} outputs; notes it on the node when it does not. */
    boolean outputCount(int n) {
        if (outputs.size() != n) {
            node.problem("attribute " + attribute + " gives " + outputs.size() + " outputs, " + node.opType() + " needs " + n);
            return false;
        }
        return true;
    }

    List<String> outputs() {
        return outputs;
    }

    /** The element type of output {@code i}. */
    int type(int i) {
        return b.type(outputs.get(i));
    }

    /** The rank of output {@code i}. */
    int rank(int i) {
        return b.shape(outputs.get(i)).length;
    }

    /** The values of the enclosing graph it reads at run time. */
    List<String> captured() {
        return b.captured();
    }

    /**
     * The runtime graph: its own inputs, then {@code captured} (values of the enclosing graph, this subgraph's captured
     * ones among them) as inputs too.
     */
    Graph graph(List<String> captured) {
        List<ValueInfo> all = new ArrayList<>(inputs);
        for (String c : captured) {
            all.add(new ValueInfo(c, outer.shape(c), false));
        }
        return new Graph(all, b.nodesFor(outputs), outputs, Map.of());
    }
}
