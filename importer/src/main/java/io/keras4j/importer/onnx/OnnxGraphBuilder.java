package io.keras4j.importer.onnx;

import io.keras4j.importer.Heap;
import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.Identity;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.StatefulOp;
import io.keras4j.runtime.ops.primitive.Constant;
import io.keras4j.runtime.ops.primitive.ShapeOf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What translators build on: the values defined so far (graph inputs, constants, node outputs) with their
 * shapes and element types, and the runtime nodes emitted. An op whose inputs are all constants is run
 * at import and its outputs become constants (so torch's shape arithmetic on weights disappears); a
 * constant that a runtime node reads becomes a Constant node. A builder of a subgraph (a branch or body of control
 * flow) resolves the names it does not define to the enclosing graph's values: a constant there is one here, any
 * other value becomes an input of the subgraph, {@link #captured() captured}. Sequences and optionals are resolved here
 * at import: a sequence is the list of its elements' values (or a tensor stacking them), an optional its element's value
 * or none; no runtime node ever reads one.
 */
final class OnnxGraphBuilder {
    /** Most values one folded node may produce, unless an initializer is larger. */
    static final int MAX_FOLDED = 1 << 24;
    private final int opset;
    private final Path folder;
    private final OnnxGraphBuilder outer;
    private final List<String> captured = new ArrayList<>();
    private final Map<String, OnnxTensor> constants = new HashMap<>();
    private final Map<String, int[]> shapes = new HashMap<>();
    private final Map<String, Integer> types = new HashMap<>();
    private final Set<String> inputs = new HashSet<>();
    private final Set<String> unavailable = new HashSet<>();
    private final Map<String, SequenceValue> sequences = new HashMap<>();
    private final Map<String, String> optionals = new HashMap<>();
    private final Set<String> materialized = new HashSet<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<OnnxNode, Integer> emitted = new HashMap<>();
    private int fresh;
    private long largestInitializer;

    /** @param folder the model's folder, where external data files are looked up; null for a model in memory */
    OnnxGraphBuilder(int opset, Path folder) {
        this(opset, folder, null);
    }

    private OnnxGraphBuilder(int opset, Path folder, OnnxGraphBuilder outer) {
        this.opset = opset;
        this.folder = folder;
        this.outer = outer;
    }

    /** A builder for a subgraph of this graph, with the same fold limit. */
    OnnxGraphBuilder subgraph() {
        OnnxGraphBuilder b = new OnnxGraphBuilder(opset, folder, this);
        b.largestInitializer = largestInitializer;
        return b;
    }

    /** Where the model's external data files are looked up; null for a model in memory. */
    Path folder() {
        return folder;
    }

    /** The values of the enclosing graphs this subgraph reads, computed at run time, in the order first read. */
    List<String> captured() {
        return captured;
    }

    /** The version of the default ONNX operator set the model imports. */
    int opset() {
        return opset;
    }

    /** Defines an input of this graph, whose dimensions of {@code shape} known at import every run is checked against. */
    void defineInput(String name, int[] shape, int type) {
        inputs.add(name);
        shapes.put(name, shape.clone());
        types.put(name, type);
    }

    /** Defines an initializer, whose size also bounds what folding may produce. */
    void defineInitializer(String name, OnnxTensor value) {
        largestInitializer = Math.max(largestInitializer, value.size());
        defineConstant(name, value);
    }

    void defineConstant(String name, OnnxTensor value) {
        constants.put(name, value);
        shapes.put(name, value.shape());
        types.put(name, value.elemType());
    }

    /** Defines a float constant for an intermediate step of {@code node} (a scalar for one value) and returns its name. */
    String floats(OnnxNode node, String what, float... values) {
        String name = fresh(node, what);
        defineConstant(name, OnnxTensor.ofFloats(DataTypes.FLOAT, values.length == 1 ? new int[0] : new int[] {values.length}, values));
        return name;
    }

    /** Defines a 1-D int64 constant for an intermediate step of {@code node} and returns its name. */
    String longs(OnnxNode node, String what, long... values) {
        String name = fresh(node, what);
        defineConstant(name, OnnxTensor.ofLongs(DataTypes.INT64, new int[] {values.length}, values));
        return name;
    }

    /** Defines a sequence value; its elements must be defined here. */
    void defineSequence(String name, SequenceValue value) {
        sequences.put(name, value);
    }

    /** A sequence value, or null when {@code value} is not one. */
    SequenceValue sequence(String value) {
        return sequences.get(value);
    }

    /** Defines an optional value holding {@code element} (a tensor or a sequence), or nothing when it is "". */
    void defineOptional(String name, String element) {
        optionals.put(name, element);
    }

    /** An optional's element ("" when it holds none), or null when {@code value} is not an optional. */
    String optional(String value) {
        return optionals.get(value);
    }

    /** Whether {@code value} is a tensor (not a sequence or an optional). */
    boolean isTensor(String value) {
        return shapes.containsKey(value);
    }

    /**
     * Defines {@code to} as {@code from}: a tensor through an Identity op, a sequence or an optional as the same value.
     *
     * @return whether {@code to} is now defined
     */
    boolean alias(OnnxNode node, String from, String to) {
        if (sequences.containsKey(from)) {
            sequences.put(to, sequences.get(from));
            return true;
        }
        if (optionals.containsKey(from)) {
            optionals.put(to, optionals.get(from));
            return true;
        }
        return emit(node, new Identity("Identity"), List.of(from), List.of(to), type(from));
    }

    boolean isDefined(String value) {
        return shapes.containsKey(value) || sequences.containsKey(value) || optionals.containsKey(value)
                || unavailable.contains(value) || capture(value);
    }

    /** Defines a value of the enclosing graphs here, if they define it. */
    private boolean capture(String value) {
        if (outer == null || !outer.isDefined(value)) {
            return false;
        }
        SequenceValue sequence = outer.sequence(value);
        String element = outer.optional(value);
        if (outer.isUnavailable(value)) {
            unavailable.add(value);
        } else if (sequence != null) {
            sequence.values().forEach(this::isDefined);
            sequences.put(value, sequence);
        } else if (element != null) {
            isDefined(element);
            optionals.put(value, element);
        } else if (outer.isConstant(value)) {
            defineConstant(value, outer.constant(value));
        } else {
            defineInput(value, outer.shape(value), outer.type(value));
            captured.add(value);
        }
        return true;
    }

    boolean isUnavailable(String value) {
        return unavailable.contains(value);
    }

    boolean isConstant(String value) {
        return constants.containsKey(value);
    }

    /** A constant's value, or null when the value is computed at run time. */
    OnnxTensor constant(String value) {
        return constants.get(value);
    }

    /**
     * The shape known at import (-1 for dimensions known only at run time).
     *
     * @throws IllegalArgumentException for a sequence or an optional, which has none, or a value not defined
     */
    int[] shape(String value) {
        int[] shape = shapes.get(value);
        if (shape == null) {
            throw new IllegalArgumentException(notTensor(value));
        }
        return shape.clone();
    }

    /** Why a value that is not a tensor here cannot be read as one. */
    private String notTensor(String value) {
        String what = sequences.containsKey(value) ? "a sequence" : optionals.containsKey(value) ? "an optional" : null;
        return what == null ? "input '" + value + "' is not defined" : "input '" + value + "' is " + what
                + ", which only the sequence and optional operators read (keras4j resolves them at import)";
    }

    int type(String value) {
        return types.getOrDefault(value, DataTypes.FLOAT);
    }

    boolean isInteger(String value) {
        return DataTypes.isInteger(type(value));
    }

    /** A new value name for an intermediate result of {@code node}. */
    String fresh(OnnxNode node, String what) {
        return node.name() + "/" + what + "_" + fresh++;
    }

    /** Marks the outputs of a node that could not be translated, so that nodes reading them are skipped quietly. */
    void unavailable(List<String> outputs) {
        for (String o : outputs) {
            if (!o.isEmpty()) {
                unavailable.add(o);
            }
        }
    }

    /**
     * Adds {@code op} on {@code inputs} writing {@code outputs} (an empty name gets a fresh one, for an output
     * nobody reads) of element type {@code outputTypes} (one for all, or one per output), or folds it into constants
     * when every input is one or it is a Shape of dimensions declared now.
     *
     * @return whether the outputs are now defined (false after recording a problem, or when an input is unavailable)
     */
    boolean emit(OnnxNode node, Op op, List<String> inputs, List<String> outputs, int... outputTypes) {
        List<String> outs = new ArrayList<>(outputs);
        for (int i = 0; i < outs.size(); i++) {
            if (outs.get(i).isEmpty()) {
                outs.set(i, fresh(node, "unused"));
            }
        }
        for (String in : inputs) {
            if (!shapes.containsKey(in)) {
                if (!unavailable.contains(in)) {
                    node.problem(in.isEmpty() ? "a required input is missing" : notTensor(in));
                }
                unavailable(outs);
                return false;
            }
        }
        int[][] inShapes = new int[inputs.size()][];
        boolean allConstant = !(op instanceof StatefulOp);
        for (int i = 0; i < inShapes.length; i++) {
            inShapes[i] = shapes.get(inputs.get(i));
            allConstant &= constants.containsKey(inputs.get(i));
        }
        allConstant |= declaresShape(op, inputs);
        try {
            if (allConstant) {
                fold(op, inputs, inShapes, outs, outputTypes);
                return true;
            }
            int[][] outShapes = op.outputShapes(inShapes, constantValues(inputs));
            if (outShapes.length != outs.size()) {
                throw new IllegalArgumentException(op.type() + " produces " + outShapes.length + " outputs, the node names " + outs.size());
            }
            for (String in : inputs) {
                materialize(in);
            }
            int k = emitted.merge(node, 1, Integer::sum);
            nodes.add(new Node(k == 1 ? node.name() : node.name() + "/" + (k - 1), op, inputs, outs));
            for (int i = 0; i < outs.size(); i++) {
                shapes.put(outs.get(i), outShapes[i]);
                types.put(outs.get(i), typeOf(outputTypes, i));
            }
            return true;
        } catch (IllegalArgumentException | ArithmeticException e) {
            node.problem(e.getMessage() + " (input shapes " + Arrays.stream(inShapes).map(Shapes::toString).toList() + ")");
            unavailable(outs);
            return false;
        }
    }

    /**
     * Whether {@code op} is a Shape of an input of this graph whose dimensions it gives are all declared: each run is
     * checked against them (an ONNX input's fixed dimension, a body's carried value), so they are known now.
     */
    private boolean declaresShape(Op op, List<String> inputs) {
        return op instanceof ShapeOf s && this.inputs.contains(inputs.get(0))
                && Arrays.stream(s.dims(shapes.get(inputs.get(0)))).allMatch(d -> d >= 0);
    }

    /**
     * The value whose every dimension {@code shape} holds at run time (it is the output of a Shape node over all axes, as
     * torch's dynamo exporter reshapes back to a tensor's shape), or null.
     */
    String shapeSource(String shape) {
        for (Node n : nodes) {
            if (n.outputs().contains(shape) && n.op() instanceof ShapeOf s && s.wholeShape(shapes.get(n.inputs().get(0)).length)) {
                return n.inputs().get(0);
            }
        }
        return null;
    }

    /**
     * Records that {@code value} has at run time the shape of {@code source} (of the same rank): each of its dimensions
     * unknown at import takes the source's, where that is known and positive. Nothing is recorded where either shape is
     * unknown or the ranks differ (only in a damaged file).
     */
    void sameShapeAs(String value, String source) {
        int[] shape = shapes.get(value);
        int[] known = shapes.get(source);
        if (shape == null || known == null || shape.length != known.length) {
            return; // a damaged file: its output was not recorded, or Reshape gave another rank; the run checks it
        }
        shape = shape.clone();
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0 && known[d] > 0) {
                shape[d] = known[d];
            }
        }
        shapes.put(value, shape);
    }

    /** The values of those inputs that are constants (null for the others), or null when none is. */
    private float[][] constantValues(List<String> inputs) {
        float[][] values = new float[inputs.size()][];
        boolean any = false;
        for (int i = 0; i < values.length; i++) {
            OnnxTensor c = constants.get(inputs.get(i));
            if (c != null) {
                values[i] = c.floats();
                any = true;
            }
        }
        return any ? values : null;
    }

    /** The element type of output {@code i}: the one given for all, or its own. */
    private static int typeOf(int[] outputTypes, int i) {
        return outputTypes[Math.min(i, outputTypes.length - 1)];
    }

    private void fold(Op op, List<String> inputs, int[][] inShapes, List<String> outs, int... outputTypes) {
        float[][] values = new float[inputs.size()][];
        for (int i = 0; i < values.length; i++) {
            OnnxTensor c = constants.get(inputs.get(i));
            values[i] = c == null ? null : c.floats();
        }
        int[][] outShapes = op.outputShapes(inShapes, values);
        long total = 0;
        for (int[] shape : outShapes) {
            total += Shapes.checkedSize(shape);
        }
        long limit = Math.max(MAX_FOLDED, largestInitializer);
        if (total > limit || total * Float.BYTES > Heap.budget()) {
            throw new IllegalArgumentException("computing it at import would produce " + total + " values, more than keras4j"
                    + " folds (" + limit + ", the larger of 2^24 and the largest initializer, within " + Heap.describeBudget() + ")");
        }
        float[][] results = new float[outShapes.length][];
        for (int i = 0; i < results.length; i++) {
            results[i] = new float[Shapes.checkedSize(outShapes[i])];
        }
        op.forward(values, inShapes, results, new float[op.scratchSize(inShapes)]);
        for (int i = 0; i < outs.size(); i++) {
            int outputType = typeOf(outputTypes, i);
            if (DataTypes.isInteger(outputType)) {
                long[] v = new long[results[i].length];
                for (int j = 0; j < v.length; j++) {
                    v[j] = (long) results[i][j];
                }
                defineConstant(outs.get(i), OnnxTensor.ofLongs(outputType, outShapes[i], v));
            } else {
                defineConstant(outs.get(i), OnnxTensor.ofFloats(outputType, outShapes[i], results[i]));
            }
        }
    }

    /** Makes a constant available to runtime nodes (once), as a Constant node. */
    void materialize(String value) {
        OnnxTensor c = constants.get(value);
        if (c != null && materialized.add(value)) {
            nodes.add(new Node("constant " + value, new Constant(c.floats(), c.shape()), List.of(), List.of(value)));
        }
    }

    /** The nodes emitted, without those no graph output depends on. */
    List<Node> nodesFor(List<String> outputs) {
        Set<String> needed = new HashSet<>(outputs);
        boolean[] keep = new boolean[nodes.size()];
        for (int n = nodes.size() - 1; n >= 0; n--) {
            Node node = nodes.get(n);
            if (node.outputs().stream().anyMatch(needed::contains)) {
                keep[n] = true;
                needed.addAll(node.inputs());
            }
        }
        List<Node> kept = new ArrayList<>();
        for (int n = 0; n < keep.length; n++) {
            if (keep[n]) {
                kept.add(nodes.get(n));
            }
        }
        return kept;
    }
}
