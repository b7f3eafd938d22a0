package io.keras4j.runtime;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.math.Parallel;
import io.keras4j.runtime.ops.ControlFlowOp;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.RecurrentOp;
import io.keras4j.runtime.ops.StatefulOp;
import io.keras4j.runtime.ops.primitive.ShapeOf;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A model's execution for one set of input shapes: every value's shape resolved, its buffer and the
 * scratch allocated once, the argument arrays of every node assembled. Running it allocates nothing.
 *
 * <p>Nodes whose outputs follow from constants and the input shapes alone (Constant, Shape, and any node that reads
 * only such values, as ONNX exports compute a Reshape's target from the batch size) are computed once, here, and
 * not run again; so the shapes they decide are known here too. The exception are nodes whose output shapes depend
 * on values computed from the inputs (a Range up to an input's value, for example) and the nodes after them:
 * their shapes are resolved at every run (those that read no values for them, or only values computed here, only
 * when their input shapes change), and their buffers reallocated only when a size changes. Control-flow nodes (If, Loop, Scan) that read
 * values computed from the inputs run their graphs at every run, each in a run of its own that the plan keeps (its
 * graphs' plans and buffers, see {@link ControlFlowOp.Run}), and hand over its buffers.
 * A plan is used by one thread at a time.
 *
 * <p>On a team of two threads, two recurrent nodes in a row where the second does not read the first (the two
 * directions of a Bidirectional layer) run at once at batch 1, one per thread, each with its own scratch: better
 * than splitting each direction's weights between the threads with a barrier per step. With more threads, or
 * larger batches, each node uses the whole team in turn.
 */
final class Plan {
    private final Model model;
    private final int[][] inputShapes;
    private final float[][] values;
    private final int[][] shapes;
    private final float[][][] nodeIn;
    private final int[][][] nodeInShapes;
    private final float[][][] nodeOut;
    /** Whether node n's output shapes are resolved at run time. */
    private final boolean[] dynamic;
    /**
     * Whether node n's output shapes follow from its input shapes alone in this plan: the only values it reads for them
     * (see {@link Op#shapeReadsValue}) were computed when the plan was made.
     */
    private final boolean[] shapesOnly;
    /** Whether node n's outputs were computed when the plan was made (see the class comment), so it does not run. */
    private final boolean[] folded;
    /** Whether value v was computed when the plan was made, by a folded node. */
    private final boolean[] known;
    /** The runs of the control-flow nodes that run with the plan (see {@link #runControlFlow}), made at their first. */
    private final ControlFlowOp.Run[] flows;
    /** Whether a session carries node n's state (see {@link Model#carriedNodes}). */
    private final boolean[] carries;
    private float[] scratch;
    /** Whether node n and node n+1 may run at once (see the class comment). */
    private final boolean[] withNext;
    /** The scratch of the second node of a pair that runs at once. */
    private final float[] pairScratch;
    private final PairTask pairTask = new PairTask();
    /** The states of the current run, by node, or null (see {@link #run}). */
    private float[][] carried;
    /** The batch size of the current run's states, or -1 (see {@link #run}). */
    private int carriedBatch;

    /**
     * @param pairs whether the plan will run on a team of two threads, so that independent recurrent nodes may run at
     *              once (each pair then has a scratch of its own)
     * @throws IllegalArgumentException naming the layer whose shapes do not fit
     */
    Plan(Model model, int[][] inputShapes, boolean pairs) {
        this.model = model;
        this.inputShapes = inputShapes;
        List<Node> nodes = model.graph().nodes();
        int[][] nodeInputs = model.nodeInputs();
        int[][] nodeOutputs = model.nodeOutputs();
        values = new float[model.valueCount()][];
        shapes = new int[model.valueCount()][];
        System.arraycopy(inputShapes, 0, shapes, 0, inputShapes.length);
        nodeIn = new float[nodes.size()][][];
        nodeInShapes = new int[nodes.size()][][];
        nodeOut = new float[nodes.size()][][];
        dynamic = new boolean[nodes.size()];
        shapesOnly = new boolean[nodes.size()];
        folded = new boolean[nodes.size()];
        known = new boolean[model.valueCount()];
        carries = new boolean[nodes.size()];
        flows = new ControlFlowOp.Run[nodes.size()];
        for (int n : model.carriedNodes()) {
            carries[n] = true;
        }
        int scratchSize = 0;
        long floats = 0;
        int[][][] outShapes = new int[nodes.size()][][];
        for (int n = 0; n < nodes.size(); n++) {
            Node node = nodes.get(n);
            int[][] in = new int[nodeInputs[n].length][];
            for (int i = 0; i < in.length; i++) {
                in[i] = shapes[nodeInputs[n][i]];
                dynamic[n] |= in[i] == null;
            }
            nodeIn[n] = new float[in.length][];
            nodeOut[n] = new float[nodeOutputs[n].length][];
            dynamic[n] |= node.op() instanceof ControlFlowOp && !foldable(n);
            shapesOnly[n] = readsOnlyKnownValues(n);
            int[][] out = dynamic[n] ? null : outputShapes(node, in, knownInputs(n));
            if (out != null && Arrays.stream(out).flatMapToInt(Arrays::stream).anyMatch(d -> d < 0)) {
                dynamic[n] = true;
            }
            if (dynamic[n]) {
                continue;
            }
            nodeInShapes[n] = in;
            outShapes[n] = out;
            for (int i = 0; i < out.length; i++) {
                floats += size(node, out[i]);
                shapes[nodeOutputs[n][i]] = out[i];
            }
            scratchSize = Math.max(scratchSize, scratchSize(node, in));
            if (foldable(n)) {
                checkFitsHeap(floats + scratchSize);
                fold(n, out);
            }
        }
        withNext = new boolean[nodes.size()];
        int pairScratchSize = 0;
        for (int n = 0; n + 1 < nodes.size(); n++) {
            withNext[n] = pairs && independentRecurrences(n) && !(n > 0 && withNext[n - 1]);
            if (withNext[n]) {
                pairScratchSize = Math.max(pairScratchSize, scratchSize(nodes.get(n + 1), nodeInShapes[n + 1]));
            }
        }
        checkFitsHeap(floats + scratchSize + pairScratchSize);
        for (int n = 0; n < nodes.size(); n++) {
            for (int i = 0; outShapes[n] != null && !folded[n] && i < outShapes[n].length; i++) {
                nodeOut[n][i] = new float[Shapes.checkedSize(outShapes[n][i])];
                values[nodeOutputs[n][i]] = nodeOut[n][i];
            }
        }
        scratch = new float[scratchSize];
        pairScratch = new float[pairScratchSize];
    }

    /**
     * Whether node n's outputs follow from values known now: it keeps no state, and it reads only folded values or,
     * as Shape does, only its input's shape.
     */
    private boolean foldable(int n) {
        Op op = model.graph().nodes().get(n).op();
        if (carries[n] || op instanceof StatefulOp || op instanceof RecurrentOp) {
            return false;
        }
        if (op instanceof ShapeOf) {
            return true;
        }
        for (int v : model.nodeInputs()[n]) {
            if (!known[v]) {
                return false;
            }
        }
        return true;
    }

    /** Whether every input whose values node n reads for its output shapes is known now. */
    private boolean readsOnlyKnownValues(int n) {
        Op op = model.graph().nodes().get(n).op();
        int[] from = model.nodeInputs()[n];
        for (int i = 0; i < from.length; i++) {
            if (op.shapeReadsValue(i) && !known[from[i]]) {
                return false;
            }
        }
        return true;
    }

    /** The values of node n's inputs that are known now (null entries for the others), or null when none is. */
    private float[][] knownInputs(int n) {
        int[] from = model.nodeInputs()[n];
        float[][] inValues = null;
        for (int i = 0; i < from.length; i++) {
            if (known[from[i]]) {
                inValues = inValues == null ? new float[from.length][] : inValues;
                inValues[i] = values[from[i]];
            }
        }
        return inValues;
    }

    /** Computes node n's outputs, of shapes {@code out}, into buffers of their own, once. */
    private void fold(int n, int[][] out) {
        Node node = model.graph().nodes().get(n);
        int[] to = model.nodeOutputs()[n];
        for (int i = 0; i < out.length; i++) {
            nodeOut[n][i] = new float[Shapes.checkedSize(out[i])];
            values[to[i]] = nodeOut[n][i];
            known[to[i]] = true;
        }
        gatherInputs(n);
        runNode(n, new float[scratchSize(node, nodeInShapes[n])], Parallel.SERIAL);
        folded[n] = true;
    }

    /** Whether nodes n and n+1 are recurrent, planned, at batch 1, and n+1 reads no output of n. */
    private boolean independentRecurrences(int n) {
        List<Node> nodes = model.graph().nodes();
        if (!(nodes.get(n).op() instanceof RecurrentOp) || !(nodes.get(n + 1).op() instanceof RecurrentOp)
                || dynamic[n] || dynamic[n + 1] || nodeInShapes[n][0][0] != 1 || nodeInShapes[n + 1][0][0] != 1) {
            return false;
        }
        for (int in : model.nodeInputs()[n + 1]) {
            for (int out : model.nodeOutputs()[n]) {
                if (in == out) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The scratch a node needs for these input shapes; a size no array holds is refused naming the layer. */
    private static int scratchSize(Node node, int[][] in) {
        try {
            return node.op().scratchSize(in);
        } catch (IllegalArgumentException e) {
            throw named(node, e);
        }
    }

    /**
     * Refuses buffers larger than the whole heap ({@code -Xmx}) with a clear message, before allocating any: a model
     * whose sizes, times the batch and timesteps of the call, cannot fit would otherwise end in an OutOfMemoryError.
     */
    private void checkFitsHeap(long floats) {
        long max = Runtime.getRuntime().maxMemory();
        if (floats * Float.BYTES > max) {
            throw new IllegalArgumentException("inputs of shapes " + Arrays.stream(inputShapes).map(Shapes::toString).toList()
                    + " need " + (floats * Float.BYTES >> 20) + " MiB of buffers, more than the Java heap's maximum ("
                    + (max >> 20) + " MiB, -Xmx)");
        }
    }

    private static int[][] outputShapes(Node node, int[][] in, float[][] inValues) {
        try {
            return node.op().outputShapes(in, inValues);
        } catch (IllegalArgumentException e) {
            throw named(node, e);
        }
    }

    /** The number of values of a node's output shape; one that no array holds is refused naming the layer. */
    private static int size(Node node, int[] shape) {
        try {
            return Shapes.checkedSize(shape);
        } catch (IllegalArgumentException e) {
            throw named(node, e);
        }
    }

    /** {@code e} (bad shapes or values in a call) with the layer's name and type in front. */
    private static IllegalArgumentException named(Node node, IllegalArgumentException e) {
        return new IllegalArgumentException("layer '" + node.name() + "' (" + node.op().type() + "): " + e.getMessage(), e);
    }

    /**
     * Resolves a dynamic node's shapes from the values computed so far; reallocates what changed size. A node whose
     * shapes follow from its input shapes alone (see {@link #shapesOnly}) keeps those it last resolved while its input
     * shapes stay the same.
     */
    private void resolve(int n, Node node) {
        if (shapesOnly[n] && resolvedFor(n)) {
            return;
        }
        int[][] nodeInputs = model.nodeInputs();
        int[][] nodeOutputs = model.nodeOutputs();
        int[][] in = new int[nodeInputs[n].length][];
        for (int i = 0; i < in.length; i++) {
            in[i] = shapes[nodeInputs[n][i]];
        }
        int[][] out = outputShapes(node, in, nodeIn[n]);
        nodeInShapes[n] = in;
        for (int i = 0; i < out.length; i++) {
            int size = size(node, out[i]);
            if (nodeOut[n][i] == null || nodeOut[n][i].length != size) {
                checkFitsHeap(size);
                nodeOut[n][i] = new float[size];
            }
            values[nodeOutputs[n][i]] = nodeOut[n][i];
            shapes[nodeOutputs[n][i]] = out[i];
        }
        int need = scratchSize(node, in);
        if (scratch.length < need) {
            scratch = new float[need];
        }
    }

    /** Whether node n was resolved for the shapes its inputs have now. */
    private boolean resolvedFor(int n) {
        int[] from = model.nodeInputs()[n];
        int[][] last = nodeInShapes[n];
        for (int i = 0; last != null && i < from.length; i++) {
            if (!Arrays.equals(shapes[from[i]], last[i])) {
                return false;
            }
        }
        return last != null;
    }

    /**
     * Runs control-flow node n, its inputs assembled, and takes its outputs, whose shapes only running it tells: the
     * buffers of its {@link ControlFlowOp.Run}, which this plan keeps from one run to the next.
     */
    private void runControlFlow(int n, ControlFlowOp op) {
        int[] from = model.nodeInputs()[n];
        int[] to = model.nodeOutputs()[n];
        if (nodeInShapes[n] == null) {
            nodeInShapes[n] = new int[from.length][];
            flows[n] = op.newRun();
        }
        int[][] in = nodeInShapes[n];
        for (int i = 0; i < in.length; i++) {
            in[i] = shapes[from[i]];
        }
        try {
            flows[n].run(nodeIn[n], in);
        } catch (IllegalArgumentException e) {
            throw named(model.graph().nodes().get(n), e);
        }
        for (int i = 0; i < to.length; i++) {
            nodeOut[n][i] = flows[n].output(i);
            values[to[i]] = nodeOut[n][i];
            shapes[to[i]] = flows[n].outputShape(i);
        }
    }

    /** Whether {@code inputs} have exactly the shapes this plan was made for. */
    boolean fits(Tensor[] inputs) {
        if (inputs.length != inputShapes.length) {
            return false;
        }
        for (int i = 0; i < inputs.length; i++) {
            if (!Arrays.equals(inputs[i].dims(), inputShapes[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether inputs of {@code shapes} are exactly of the shapes this plan was made for. */
    boolean fits(int[][] shapes) {
        if (shapes.length != inputShapes.length) {
            return false;
        }
        for (int i = 0; i < shapes.length; i++) {
            if (!Arrays.equals(shapes[i], inputShapes[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs every node on {@code parallel}. With {@code carried} (a session's states, by node), each node a session
     * carries reads its state from {@code carried[n]} and leaves its final state there; a null entry starts at
     * zero (this creates it). {@code batch}, unless -1, is the batch size of every state the session carries: a node
     * that sees another is refused, as is a state of another batch size than its node sees. Nodes whose shapes are
     * known before the run are checked before any node runs, the others when they run, so a refused call advances no
     * state unless the session's states differ in batch size.
     */
    void run(Tensor[] inputs, float[][] carried, int batch, Parallel parallel) {
        this.carried = carried;
        this.carriedBatch = batch;
        List<Node> nodes = model.graph().nodes();
        for (int n = 0; carried != null && n < nodes.size(); n++) {
            if (carries[n] && !dynamic[n]) {
                try {
                    checkState(n, (StatefulOp) nodes.get(n).op());
                } catch (IllegalArgumentException e) {
                    throw named(nodes.get(n), e);
                }
            }
        }
        for (int i = 0; i < inputs.length; i++) {
            values[i] = inputs[i].data();
        }
        runNodes(parallel);
    }

    /** Runs every node on the calling thread, from zero states, on the values of inputs of the planned shapes. */
    void run(float[][] inputs) {
        carried = null;
        carriedBatch = -1;
        System.arraycopy(inputs, 0, values, 0, inputs.length);
        runNodes(Parallel.SERIAL);
    }

    private void runNodes(Parallel parallel) {
        List<Node> nodes = model.graph().nodes();
        for (int n = 0; n < nodes.size(); n++) {
            if (folded[n]) {
                continue;
            }
            gatherInputs(n);
            if (dynamic[n] && nodes.get(n).op() instanceof ControlFlowOp f) {
                runControlFlow(n, f);
                continue;
            }
            if (dynamic[n]) {
                resolve(n, nodes.get(n));
            }
            if (withNext[n]) {
                gatherInputs(n + 1);
                pairTask.first = n;
                parallel.run(2, pairTask);
                n++;
                continue;
            }
            runNode(n, scratch, parallel);
        }
    }

    /** Points node n's input arrays at the current values. */
    private void gatherInputs(int n) {
        float[][] in = nodeIn[n];
        int[] from = model.nodeInputs()[n];
        for (int i = 0; i < in.length; i++) {
            in[i] = values[from[i]];
        }
    }

    /** Runs node n, its inputs assembled, on {@code parallel}. */
    private void runNode(int n, float[] work, Parallel parallel) {
        Node node = model.graph().nodes().get(n);
        Op op = node.op();
        try {
            float[] state = carried == null || !carries[n] ? null : carriedState(n, (StatefulOp) op);
            if (op instanceof RecurrentOp r) {
                r.forward(nodeIn[n], nodeInShapes[n], nodeOut[n], work, state, parallel);
            } else if (state != null) {
                ((StatefulOp) op).forward(nodeIn[n], nodeInShapes[n], nodeOut[n], work, state);
            } else {
                op.forward(nodeIn[n], nodeInShapes[n], nodeOut[n], work);
            }
        } catch (IllegalArgumentException e) {
            throw named(node, e);
        }
    }

    /** Node n's carried state: zeros on its first call (its size known only now, for shapes resolved at run time). */
    private float[] carriedState(int n, StatefulOp op) {
        if (dynamic[n]) {
            checkState(n, op);
        }
        if (carried[n] == null) {
            carried[n] = new float[op.stateSize(nodeInShapes[n])];
        }
        return carried[n];
    }

    /** Refuses node n when its input has another batch size than its state or, with none yet, the session's states. */
    private void checkState(int n, StatefulOp op) {
        int want = carried[n] != null ? op.batchOf(carried[n].length) : carriedBatch;
        int got = op.batchOf(op.stateSize(nodeInShapes[n]));
        if (want >= 0 && got != want) {
            throw new IllegalArgumentException("the session carries states for batch size " + want
                    + " but this call has batch size " + got + "; call reset() first");
        }
    }

    /** Two independent recurrent nodes, one per thread; a field so that running it allocates nothing. */
    private final class PairTask implements Parallel.Task {
        private int first;

        @Override
        public void run(int part, int parts) {
            runNode(first + part, part == 0 ? scratch : pairScratch, Parallel.SERIAL);
        }
    }

    /** Puts every value the nodes computed, by graph value name; the tensors share this plan's buffers. */
    void trace(Map<String, Tensor> out) {
        List<Node> nodes = model.graph().nodes();
        int[][] nodeOutputs = model.nodeOutputs();
        for (int n = 0; n < nodes.size(); n++) {
            for (int i = 0; i < nodeOut[n].length; i++) {
                out.put(nodes.get(n).outputs().get(i), Tensor.wrap(nodeOut[n][i], shapes[nodeOutputs[n][i]]));
            }
        }
    }

    /** The buffer of model output {@code i}, valid until the next run. */
    float[] output(int i) {
        return values[model.outputSlots()[i]];
    }

    int[] outputShape(int i) {
        return shapes[model.outputSlots()[i]];
    }

    /** Whether model output {@code i} is one of the model inputs, passed through. */
    boolean outputIsInput(int i) {
        return model.outputSlots()[i] < inputShapes.length;
    }
}
