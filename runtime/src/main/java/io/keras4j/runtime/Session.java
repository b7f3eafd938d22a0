package io.keras4j.runtime;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.math.Parallel;
import io.keras4j.runtime.ops.StatefulOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A stream of calls to one model that carries recurrent states from each call to the next, as Keras'
 * stateful layers do: feed a sequence whole or in chunks of timesteps and get the same outputs. States
 * start at zero and after {@link #reset()}. The batch size is fixed by the first call after a reset.
 * A session is not thread-safe; sessions of one model are independent of each other.
 *
 * <p>A session keeps the execution plan of its last input shapes (value buffers, scratch), so calls with
 * the same shapes allocate nothing but their results; {@link #runInto} allocates nothing at all, but for the shapes of
 * an ONNX graph that depend on values computed from the inputs, which are worked out again on each call.
 */
public final class Session implements AutoCloseable {
    private final Model model;
    private final int[] carriedNodes;
    private final float[][] states;
    private final Parallel parallel;
    private Plan plan;

    Session(Model model, int threads) {
        this.model = model;
        this.carriedNodes = model.carriedNodes().stream().mapToInt(Integer::intValue).toArray();
        this.states = new float[model.graph().nodes().size()][];
        this.parallel = Parallel.of(threads);
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
        Plan p = execute(inputs);
        Tensor[] result = new Tensor[model.outputs().size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = Tensor.of(p.output(i), p.outputShape(i));
        }
        return result;
    }

    /**
     * Like {@link #runAll}, but copies output i into {@code outputs[i]}, which must hold at least its values
     * (row-major); in steady state (same input shapes as the call before) this allocates nothing.
     */
    public void runInto(float[][] outputs, Tensor... inputs) {
        if (outputs.length != model.outputs().size()) {
            throw new IllegalArgumentException("this model has " + model.outputs().size() + " outputs, "
                    + outputs.length + " arrays were given");
        }
        Plan p = execute(inputs);
        for (int i = 0; i < outputs.length; i++) {
            float[] v = p.output(i);
            if (outputs[i].length < v.length) {
                throw new IllegalArgumentException("output " + i + " has " + v.length + " values but its array holds "
                        + outputs[i].length);
            }
            System.arraycopy(v, 0, outputs[i], 0, v.length);
        }
    }

    private Plan execute(Tensor[] inputs) {
        model.requireNonNull(inputs);
        if (plan == null || !plan.fits(inputs)) {
            int[][] shapes = Model.shapes(inputs);
            model.checkInputs(shapes);
            plan = new Plan(model, shapes, parallel.threads() == 2);
        }
        plan.run(inputs, states, carriedBatch(), parallel);
        return plan;
    }

    /** Sets every carried state to zero and releases the batch size. */
    public void reset() {
        Arrays.fill(states, null);
    }

    /** Stops this session's worker threads; a closed session with more than one thread cannot run. */
    @Override
    public void close() {
        parallel.close();
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
            out[i] = Tensor.of(Arrays.copyOfRange(states[n], i * each, (i + 1) * each), each / op.units(), op.units());
        }
        return out;
    }

    /**
     * Replaces the states of a layer; each tensor is {@code [batch, units]}, with the batch size of the states the
     * session already carries, if any.
     */
    public void setState(String layer, Tensor... values) {
        int n = node(layer);
        StatefulOp op = (StatefulOp) model.graph().nodes().get(n).op();
        if (values.length != op.stateCount()) {
            throw new IllegalArgumentException("layer '" + layer + "' carries " + op.stateCount() + " states, "
                    + values.length + " were given");
        }
        int units = op.units();
        int b = -1;
        for (int i = 0; i < values.length; i++) {
            int[] shape = values[i].shape();
            if (shape.length != 2 || shape[1] != units || b >= 0 && shape[0] != b) {
                throw new IllegalArgumentException("state " + i + " of layer '" + layer + "' must be (batch, " + units
                        + ")" + (b >= 0 ? " with batch " + b : "") + ", got " + Shapes.toString(shape));
            }
            b = shape[0];
        }
        int carried = carriedBatch();
        if (carried >= 0 && b != carried) {
            throw new IllegalArgumentException("this session carries states for batch size " + carried + ", not " + b
                    + "; call reset() first");
        }
        float[] s = new float[b * units * values.length];
        for (int i = 0; i < values.length; i++) {
            values[i].copyTo(s, i * b * units);
        }
        states[n] = s;
    }

    /**
     * The batch size of the states this session carries, or -1 when it carries none yet or they differ (a layer
     * inside TimeDistributed carries one per sequence and timestep).
     */
    private int carriedBatch() {
        int batch = -1;
        for (int n : carriedNodes) {
            if (states[n] != null) {
                int b = ((StatefulOp) model.graph().nodes().get(n).op()).batchOf(states[n].length);
                if (batch >= 0 && b != batch) {
                    return -1;
                }
                batch = b;
            }
        }
        return batch;
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
