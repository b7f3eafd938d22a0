package io.keras4j.runtime.ops.flow;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.graph.Graph;
import java.util.Arrays;

/**
 * A graph that If, Loop or Scan runs. Its inputs are first the op's own for it (none for a branch; a loop body's
 * iteration number, condition and carried values), then the values it reads from the graph around it, which the op's
 * node takes as its last inputs, in the same order. Each run plans the graph afresh, so one body serves many threads.
 */
final class Body {
    private final Graph graph;
    private final Model model;
    private final int own;

    /**
     * @param own how many of the graph's inputs the op gives it
     * @param what how messages name the graph, for example {@code "body"}
     */
    Body(Graph graph, int own, int outputs, String what) {
        if (graph.inputs().size() < own || graph.outputs().size() < outputs) {
            throw new IllegalArgumentException("the " + what + " has " + graph.inputs().size() + " inputs and "
                    + graph.outputs().size() + " outputs, at least " + own + " and " + outputs + " expected");
        }
        this.graph = graph;
        this.model = Model.of(graph);
        this.own = own;
    }

    Graph graph() {
        return graph;
    }

    /** How many values of the graph around it the body reads. */
    int captured() {
        return graph.inputs().size() - own;
    }

    int outputCount() {
        return graph.outputs().size();
    }

    /** The shape the graph declares for output {@code i} (-1 where known only at run time). */
    int[] declared(int i) {
        return graph.outputs().get(i).shape();
    }

    /** The values the body reads from the graph around it: the last {@link #captured()} of the node's inputs. */
    Tensor[] captured(float[][] inputs, int[][] shapes) {
        Tensor[] c = new Tensor[captured()];
        int from = inputs.length - c.length;
        for (int k = 0; k < c.length; k++) {
            c[k] = Tensor.of(inputs[from + k], shapes[from + k]);
        }
        return c;
    }

    /** Runs the graph on its own inputs and the captured values. */
    Tensor[] run(Tensor[] ownInputs, Tensor[] captured) {
        Tensor[] all = Arrays.copyOf(ownInputs, own + captured.length);
        System.arraycopy(captured, 0, all, own, captured.length);
        return model.predictAll(all);
    }

    /** The one value of {@code v}, which {@code what} names in the error when it holds another number of values. */
    static float single(float[] v, String what) {
        if (v.length != 1) {
            throw new IllegalArgumentException(what + " must be one value, got " + v.length);
        }
        return v[0];
    }

    /** A scalar as a tensor of shape []. */
    static Tensor scalar(float v) {
        return Tensor.of(new float[] {v});
    }
}
