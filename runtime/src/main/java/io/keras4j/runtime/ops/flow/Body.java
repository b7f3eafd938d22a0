package io.keras4j.runtime.ops.flow;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Runner;
import io.keras4j.runtime.graph.Graph;

/**
 * A graph that If, Loop or Scan runs. Its inputs are first the op's own for it (none for a branch; a loop body's
 * iteration number, condition and carried values), then the values it reads from the graph around it, which the op's
 * node takes as its last inputs, in the same order. The graph is shared by every thread; each run of the op runs it in
 * a {@link Runner} of its own.
 */
final class Body {
    /** The shape of a scalar. */
    static final int[] SCALAR = new int[0];
    private final Graph graph;
    private final Model model;
    private final int own;
    private final int[][] declared;

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
        this.declared = graph.outputs().stream().map(o -> o.shape()).toArray(int[][]::new);
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

    /** The shape the graph declares for output {@code i} (-1 where known only at run time); not to be changed. */
    int[] declared(int i) {
        return declared[i];
    }

    /** A runner of the graph, for one thread. */
    Runner runner() {
        return new Runner(model);
    }

    int inputCount() {
        return graph.inputs().size();
    }

    /**
     * Puts the values the body reads from the graph around it (the last {@link #captured()} of the node's inputs) and
     * their shapes after the body's own inputs in {@code values} and {@code shapes}.
     */
    void capture(float[][] inputs, int[][] inputShapes, float[][] values, int[][] shapes) {
        int from = inputs.length - captured();
        System.arraycopy(inputs, from, values, own, captured());
        System.arraycopy(inputShapes, from, shapes, own, captured());
    }

    /** The one value of {@code v}, which {@code what} names in the error when it holds another number of values. */
    static float single(float[] v, String what) {
        if (v.length != 1) {
            throw new IllegalArgumentException(what + " must be one value, got " + v.length);
        }
        return v[0];
    }
}
