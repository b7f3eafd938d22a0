package io.keras4j.runtime;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.StatefulOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A stream of calls to one model that carries recurrent states from each call to the next, as Keras'
 * stateful layers do: feed a sequence whole or in chunks of timesteps and get the same outputs. States
 * start at zero and after {@link #reset()}. The batch size is fixed by the first call after a reset.
 * A session is not thread-safe; sessions of one model are independent of each other.
 */
public final class Session {
    private final Model model;
    private final List<Integer> carriedNodes;
    private final float[][] states;
    private final boolean[] sized;
    private int batch = -1;

    Session(Model model) {
        this.model = model;
        this.carriedNodes = model.carriedNodes();
        this.states = new float[model.graph().nodes().size()][];
        this.sized = new boolean[states.length];
    }

    /** Runs a model with one input and one output, carrying states. */
    public Tensor run(Tensor input) {
        if (model.inputs().size() != 1 || model.outputs().size() != 1) {
            throw new IllegalArgumentException("this model has " + model.inputs().size() + " inputs and "
                    + model.outputs().size() + " outputs; use runAll");
        }
        return runAll(input)[0];
    }

    /** Runs the model on inputs in model order, carrying states; returns outputs in model order. */
    public Tensor[] runAll(Tensor... inputs) {
        if (inputs.length > 0 && inputs[0].rank() > 0) {
            int b = inputs[0].dim(0);
            if (batch >= 0 && b != batch) {
                throw new IllegalArgumentException("this session carries states for batch size " + batch
                        + " but was given batch size " + b + "; call reset() first");
            }
            batch = b;
            allocate(inputs);
        }
        return model.run(inputs, states);
    }

    /** Gives every carried layer without a state a zero state; checks the size of states set by hand. */
    private void allocate(Tensor[] inputs) {
        int[][] modelShapes = new int[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            modelShapes[i] = inputs[i].shape();
        }
        List<Node> nodes = model.graph().nodes();
        for (int n : carriedNodes) {
            if (sized[n]) {
                continue;
            }
            StatefulOp op = (StatefulOp) nodes.get(n).op();
            int size = op.stateSize(model.nodeInputShapes(n, modelShapes));
            if (states[n] == null) {
                states[n] = new float[size];
            } else if (states[n].length != size) {
                throw new IllegalArgumentException("the states set for layer '" + nodes.get(n).name() + "' hold "
                        + states[n].length + " values but this input needs " + size);
            }
            sized[n] = true;
        }
    }

    /** Sets every carried state to zero and releases the batch size. */
    public void reset() {
        Arrays.fill(states, null);
        Arrays.fill(sized, false);
        batch = -1;
    }

    /** Names of the layers whose states this session carries. */
    public List<String> statefulLayers() {
        List<String> names = new ArrayList<>();
        for (int n : carriedNodes) {
            names.add(model.graph().nodes().get(n).name());
        }
        return names;
    }

    /**
     * The current states of a layer (LSTM: h then c), each {@code [batch, units]}; empty before the first call.
     */
    public Tensor[] state(String layer) {
        int n = node(layer);
        if (states[n] == null) {
            return new Tensor[0];
        }
        StatefulOp op = (StatefulOp) model.graph().nodes().get(n).op();
        int k = op.stateCount();
        int each = states[n].length / k;
        Tensor[] out = new Tensor[k];
        for (int i = 0; i < k; i++) {
            out[i] = Tensor.of(Arrays.copyOfRange(states[n], i * each, (i + 1) * each), batch, each / batch);
        }
        return out;
    }

    /**
     * Replaces the states of a layer; each tensor is {@code [batch, units]}. Before the first call this also
     * fixes the batch size.
     */
    public void setState(String layer, Tensor... values) {
        int n = node(layer);
        StatefulOp op = (StatefulOp) model.graph().nodes().get(n).op();
        if (values.length != op.stateCount()) {
            throw new IllegalArgumentException("layer '" + layer + "' carries " + op.stateCount() + " states, "
                    + values.length + " were given");
        }
        int b = values[0].dim(0);
        if (batch >= 0 && b != batch) {
            throw new IllegalArgumentException("this session carries states for batch size " + batch + ", not " + b);
        }
        int each = values[0].size();
        float[] s = new float[each * values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i].rank() != 2 || values[i].size() != each || values[i].dim(0) != b) {
                throw new IllegalArgumentException("state " + i + " of layer '" + layer + "' must be (batch, units) like state 0, got "
                        + Shapes.toString(values[i].shape()));
            }
            values[i].copyTo(s, i * each);
        }
        if (sized[n] && states[n].length != s.length) {
            throw new IllegalArgumentException("layer '" + layer + "' carries states of " + states[n].length / values.length / b
                    + " units, got " + each / b);
        }
        batch = b;
        states[n] = s;
    }

    private int node(String layer) {
        List<Node> nodes = model.graph().nodes();
        for (int n : carriedNodes) {
            if (nodes.get(n).name().equals(layer)) {
                return n;
            }
        }
        throw new IllegalArgumentException("layer '" + layer + "' carries no state in this session; stateful layers: " + statefulLayers());
    }
}
