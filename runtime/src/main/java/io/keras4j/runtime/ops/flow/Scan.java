package io.keras4j.runtime.ops.flow;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.ops.ControlFlowOp;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;

/**
 * ONNX Scan (opset 9 and later): runs the body once per step of the scan inputs. The node's inputs are the initial
 * states, the scan inputs, then the values the body reads from the graph around it. Step t of scan input j is its slice
 * at index t of axis {@code inputAxes[j]} (counted from the end when {@code inputReverse[j]}); the body takes the states
 * and those slices and gives the next states and one value per scan output. The op gives the last states and each scan
 * output's values stacked along a new axis {@code outputAxes[k]} (in reverse step order when {@code outputReverse[k]}).
 */
public final class Scan implements ControlFlowOp {
    private final Body body;
    private final int states;
    private final int[] inputAxes;
    private final boolean[] inputReverse;
    private final int[] outputAxes;
    private final boolean[] outputReverse;

    /**
     * @param inputAxes  per scan input, its scan axis (non-negative)
     * @param outputAxes per scan output, the axis its steps are stacked along (non-negative)
     */
    public Scan(Graph body, int states, int[] inputAxes, boolean[] inputReverse, int[] outputAxes, boolean[] outputReverse) {
        this.body = new Body(body, states + inputAxes.length, states, "body");
        if (inputReverse.length != inputAxes.length || outputAxes.length != outputReverse.length
                || states + outputAxes.length != this.body.outputCount()) {
            throw new IllegalArgumentException("Scan's " + states + " states, " + inputAxes.length + " scan inputs and "
                    + outputAxes.length + " scan outputs do not fit its directions or its body's " + this.body.outputCount() + " outputs");
        }
        for (int k = 0; k < outputAxes.length; k++) {
            if (outputAxes[k] < 0 || outputAxes[k] > this.body.declared(states + k).length) {
                throw new IllegalArgumentException("scan output " + k + " has axis " + outputAxes[k] + ", outside 0 to "
                        + this.body.declared(states + k).length);
            }
        }
        this.states = states;
        this.inputAxes = inputAxes.clone();
        this.inputReverse = inputReverse.clone();
        this.outputAxes = outputAxes.clone();
        this.outputReverse = outputReverse.clone();
    }

    @Override
    public String type() {
        return "Scan";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("body", body.graph()).attr("states", states).attr("input_axes", inputAxes)
                .attr("input_reverse", ints(inputReverse)).attr("output_axes", outputAxes)
                .attr("output_reverse", ints(outputReverse)).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Scan fromSpec(OpSpec s) {
        return new Scan(s.graphAttr("body"), s.intAttr("states"), s.intsAttr("input_axes"), flags(s.intsAttr("input_reverse")),
                s.intsAttr("output_axes"), flags(s.intsAttr("output_reverse")));
    }

    private static int[] ints(boolean[] flags) {
        int[] v = new int[flags.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = flags[i] ? 1 : 0;
        }
        return v;
    }

    private static boolean[] flags(int[] ints) {
        boolean[] v = new boolean[ints.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = ints[i] != 0;
        }
        return v;
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int steps = steps(in);
        int[][] out = new int[body.outputCount()][];
        for (int k = 0; k < out.length; k++) {
            int[] step = body.declared(k);
            out[k] = k < states ? step.clone() : Steps.inserted(step, outputAxes[k - states], steps);
        }
        return out;
    }

    /** The number of steps: the length of every scan input's scan axis (-1 when unknown). */
    private int steps(int[][] in) {
        if (in.length != states + inputAxes.length + body.captured()) {
            throw new IllegalArgumentException("Scan takes " + (states + inputAxes.length + body.captured()) + " inputs, got " + in.length);
        }
        int steps = -1;
        for (int j = 0; j < inputAxes.length; j++) {
            int[] s = in[states + j];
            if (inputAxes[j] >= s.length) {
                throw new IllegalArgumentException("scan input " + j + " of shape " + Shapes.toString(s) + " has no axis " + inputAxes[j]);
            }
            int n = s[inputAxes[j]];
            if (steps >= 0 && n >= 0 && n != steps) {
                throw new IllegalArgumentException("scan input " + j + " has " + n + " steps on axis " + inputAxes[j]
                        + ", scan input 0 has " + steps + "; they must agree");
            }
            steps = Math.max(steps, n);
        }
        return steps;
    }

    @Override
    public ControlFlowOp.Run newRun() {
        return new Run();
    }

    /** A run of the scan, with a buffer per scan input for its steps. */
    private final class Run extends BodyRun {
        /** Per scan input, the shape its step buffer was made for. */
        private final int[][] scanned = new int[inputAxes.length][];

        Run() {
            super(body, states, outputAxes.length);
        }

        @Override
        public void run(float[][] inputs, int[][] inputShapes) {
            int steps = steps(inputShapes);
            state.start(inputs, inputShapes, 0);
            body.capture(inputs, inputShapes, values, shapes);
            for (int j = 0; j < inputAxes.length; j++) {
                int[] s = inputShapes[states + j];
                if (!Arrays.equals(s, scanned[j])) {
                    scanned[j] = s;
                    shapes[states + j] = Steps.dropped(s, inputAxes[j]);
                    values[states + j] = new float[Shapes.checkedSize(shapes[states + j])];
                }
            }
            scans.clear();
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < inputAxes.length; j++) {
                    int[] s = inputShapes[states + j];
                    Steps.take(inputs[states + j], s, inputAxes[j], inputReverse[j] ? s[inputAxes[j]] - 1 - t : t, values[states + j]);
                }
                state.into(values, shapes, 0);
                runner.run(values, shapes);
                state.next(runner, 0);
                scans.add(runner, states, steps - t - 1);
            }
            for (int k = 0; k < outputAxes.length; k++) {
                scans.stack(k, outputAxes[k], outputReverse[k], body.declared(states + k));
            }
        }
    }
}
