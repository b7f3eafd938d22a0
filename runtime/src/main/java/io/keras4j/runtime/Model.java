package io.keras4j.runtime;

import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.graph.ValueInfo;
import io.keras4j.runtime.math.Parallel;
import io.keras4j.runtime.ops.StatefulOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded model, ready to predict. Immutable and safe to call from many threads at once: every call
 * works in buffers of its own.
 */
public final class Model {
    private final Graph graph;
    private final int valueCount;
    private final int[][] nodeInputs;
    private final int[][] nodeOutputs;
    private final int[] outputSlots;

    private Model(Graph graph) {
        this.graph = graph;
        Map<String, Integer> slots = new HashMap<>();
        for (ValueInfo in : graph.inputs()) {
            slots.put(in.name(), slots.size());
        }
        List<Node> nodes = graph.nodes();
        nodeInputs = new int[nodes.size()][];
        nodeOutputs = new int[nodes.size()][];
        for (int n = 0; n < nodes.size(); n++) {
            Node node = nodes.get(n);
            nodeInputs[n] = node.inputs().stream().mapToInt(slots::get).toArray();
            for (String out : node.outputs()) {
                slots.put(out, slots.size());
            }
            nodeOutputs[n] = node.outputs().stream().mapToInt(slots::get).toArray();
        }
        valueCount = slots.size();
        outputSlots = graph.outputs().stream().mapToInt(o -> slots.get(o.name())).toArray();
    }

    /** A model that executes {@code graph}. */
    public static Model of(Graph graph) {
        return new Model(graph);
    }

    /** The graph this model executes. */
    public Graph graph() {
        return graph;
    }

    /** The inputs, in the order {@link #predict(Tensor...)} takes them. */
    public List<ValueInfo> inputs() {
        return graph.inputs();
    }

    /** The outputs, in the order {@link #predict(Tensor...)} returns them. */
    public List<ValueInfo> outputs() {
        return graph.outputs();
    }

    /**
     * Runs a model with one input and one output.
     *
     * @throws IllegalArgumentException if the model has several inputs or outputs, or the input does not fit
     */
    public Tensor predict(Tensor input) {
        if (graph.inputs().size() != 1 || graph.outputs().size() != 1) {
            throw new IllegalArgumentException("this model has " + graph.inputs().size() + " inputs and "
                    + graph.outputs().size() + " outputs; use predictAll");
        }
        return predictAll(input)[0];
    }

    /**
     * Runs the model on inputs given in model order and returns the outputs in model order.
     *
     * @throws IllegalArgumentException naming the input and the expected versus given shape when an input does not fit
     */
    public Tensor[] predictAll(Tensor... inputs) {
        return run(inputs, null);
    }

    /**
     * A new session: a stream of calls that carries recurrent states from one call to the next. It carries
     * the layers saved with {@code stateful=True} or, if the model has none, every recurrent layer.
     */
    public Session newSession() {
        return new Session(this, 1);
    }

    /**
     * A new session whose calls run on {@code threads} threads (the caller's and {@code threads - 1} workers):
     * sequences of a batch are split between them, and a single sequence through a large recurrent layer has
     * its weights split. Close the session to stop the workers.
     */
    public Session newSession(int threads) {
        return new Session(this, threads);
    }

    /**
     * Whether the model has layers saved with {@code stateful=True}; such a model gives Keras' results
     * call after call only through a {@link Session}. {@link #predictAll} always starts from zero states.
     */
    public boolean isStateful() {
        return graph.nodes().stream().anyMatch(n -> n.op() instanceof StatefulOp s && s.stateful());
    }

    /** Nodes whose states a session carries, in graph order. */
    List<Integer> carriedNodes() {
        List<Integer> stateful = new ArrayList<>();
        List<Integer> recurrent = new ArrayList<>();
        List<Node> nodes = graph.nodes();
        for (int n = 0; n < nodes.size(); n++) {
            if (nodes.get(n).op() instanceof StatefulOp) {
                recurrent.add(n);
                if (((StatefulOp) nodes.get(n).op()).stateful()) {
                    stateful.add(n);
                }
            }
        }
        return stateful.isEmpty() ? recurrent : stateful;
    }

    /**
     * Runs the model and returns every value its nodes compute, by graph value name; for
     * comparing a model layer by layer with {@link io.keras4j.runtime.graph.Graph#layerOutputs()}.
     */
    public Map<String, Tensor> trace(Tensor... inputs) {
        Map<String, Tensor> all = new java.util.LinkedHashMap<>();
        run(inputs, all);
        return all;
    }

    /** Runs the graph from zero states; with {@code trace}, puts every value the nodes compute into it. */
    private Tensor[] run(Tensor[] inputs, Map<String, Tensor> trace) {
        requireNonNull(inputs);
        int[][] shapes = shapes(inputs);
        checkInputs(shapes);
        Plan plan = new Plan(this, shapes, false);
        plan.run(inputs, null, -1, Parallel.SERIAL);
        if (trace != null) {
            plan.trace(trace);
        }
        Tensor[] result = new Tensor[outputSlots.length];
        for (int i = 0; i < result.length; i++) {
            float[] v = plan.output(i);
            // An output that is also a model input must not share the caller's array.
            result[i] = Tensor.wrap(plan.outputIsInput(i) ? v.clone() : v, plan.outputShape(i));
        }
        return result;
    }

    int valueCount() {
        return valueCount;
    }

    int[][] nodeInputs() {
        return nodeInputs;
    }

    int[][] nodeOutputs() {
        return nodeOutputs;
    }

    int[] outputSlots() {
        return outputSlots;
    }

    /** The shapes of {@code inputs}. */
    static int[][] shapes(Tensor[] inputs) {
        int[][] shapes = new int[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            shapes[i] = inputs[i].shape();
        }
        return shapes;
    }

    /** Refuses inputs of these shapes, naming the input, when they do not fit the declared ones or one batch size. */
    void checkInputs(int[][] shapes) {
        List<ValueInfo> declared = graph.inputs();
        if (shapes.length != declared.size()) {
            throw new IllegalArgumentException("model takes " + declared.size() + " input(s) " + declared
                    + " but " + shapes.length + " were given");
        }
        int batch = -1;
        for (int i = 0; i < shapes.length; i++) {
            ValueInfo d = declared.get(i);
            int[] given = shapes[i];
            if (!Shapes.fits(d.shape(), given)) {
                throw new IllegalArgumentException("input '" + d.name() + "' expects shape " + Shapes.toString(d.shape())
                        + " but was given " + Shapes.toString(given));
            }
            if (!d.batchFirst()) {
                continue;
            }
            if (given.length == 0 || given[0] == 0) {
                throw new IllegalArgumentException("input '" + d.name() + "' has an empty batch " + Shapes.toString(given));
            }
            if (batch >= 0 && given[0] != batch) {
                throw new IllegalArgumentException("input '" + d.name() + "' has batch size " + given[0]
                        + " but the first input has " + batch);
            }
            batch = given[0];
        }
    }

    /** Refuses a null array or a null input, naming it, before anything reads their shapes. */
    void requireNonNull(Tensor[] inputs) {
        java.util.Objects.requireNonNull(inputs, "inputs");
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                String name = i < graph.inputs().size() ? "'" + graph.inputs().get(i).name() + "'" : String.valueOf(i);
                throw new NullPointerException("input " + name + " is null");
            }
        }
    }

    @Override
    public String toString() {
        return "Model" + graph.inputs() + " -> " + Arrays.toString(graph.outputs().toArray());
    }
}
