package io.keras4j.runtime.ops.flow;

import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.ops.ControlFlowOp;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX Loop: runs the body while the iteration number is below the trip count M (when given) and the condition holds
 * (when given), at most {@link #MAX_ITERATIONS} times. The node's inputs are M and the condition (those given), the
 * initial carried values, then the values the body reads from the graph around it. The body takes the iteration
 * number, the condition and the carried values, and gives the next condition, the next carried values and one value
 * per scan output; the op gives the last carried values and each scan output's values stacked along a new axis 0.
 */
public final class Loop implements ControlFlowOp {
    /** Most iterations a loop runs: a trip count beyond it, or a condition still true after it, is an error. */
    public static final int MAX_ITERATIONS = 1 << 20;
    private final Body body;
    private final boolean tripCount;
    private final boolean condition;
    private final int carried;

    /**
     * @param tripCount whether the node has input M
     * @param condition whether the node has the condition input
     * @param carried   how many values the loop carries
     */
    public Loop(Graph body, boolean tripCount, boolean condition, int carried) {
        if (!tripCount && !condition) {
            throw new IllegalArgumentException("a Loop without a trip count or a condition would never end");
        }
        this.body = new Body(body, 2 + carried, 1 + carried, "body");
        this.tripCount = tripCount;
        this.condition = condition;
        this.carried = carried;
    }

    @Override
    public String type() {
        return "Loop";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("body", body.graph()).attr("trip_count", tripCount).attr("condition", condition)
                .attr("carried", carried).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Loop fromSpec(OpSpec s) {
        return new Loop(s.graphAttr("body"), s.boolAttr("trip_count"), s.boolAttr("condition"), s.intAttr("carried"));
    }

    private int first() {
        return (tripCount ? 1 : 0) + (condition ? 1 : 0);
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        if (in.length != first() + carried + body.captured()) {
            throw new IllegalArgumentException("Loop takes " + (first() + carried + body.captured()) + " inputs, got " + in.length);
        }
        int[][] out = new int[body.outputCount() - 1][];
        for (int i = 0; i < out.length; i++) {
            int[] step = body.declared(1 + i);
            out[i] = i < carried ? step.clone() : Steps.inserted(step, 0, -1);
        }
        return out;
    }

    @Override
    public ControlFlowOp.Run newRun() {
        return new Run();
    }

    /** A run of the loop (a carried value that changes shape is refused where the body declares that dimension). */
    private final class Run extends BodyRun {
        private final float[] iteration = new float[1];

        Run() {
            super(body, carried, body.outputCount() - 1 - carried);
            values[0] = iteration;
            values[1] = new float[] {1};
            shapes[0] = Body.SCALAR;
            shapes[1] = Body.SCALAR;
        }

        @Override
        public void run(float[][] inputs, int[][] inputShapes) {
            long trips = Long.MAX_VALUE;
            if (tripCount) {
                double m = Body.single(inputs[0], "trip count M");
                if (m < 0 || m > MAX_ITERATIONS && !condition) {
                    throw new IllegalArgumentException("trip count M is " + (long) m + "; keras4j runs 0 to " + MAX_ITERATIONS
                            + " (2^20) iterations");
                }
                trips = (long) m;
            }
            boolean go = !condition || Body.single(inputs[first() - 1], "the condition") != 0;
            state.start(inputs, inputShapes, first());
            body.capture(inputs, inputShapes, values, shapes);
            scans.clear();
            for (long i = 0; i < trips && go; i++) {
                if (i == MAX_ITERATIONS) {
                    throw new IllegalArgumentException("the condition still holds after " + MAX_ITERATIONS
                            + " (2^20) iterations, the most keras4j runs");
                }
                iteration[0] = i;
                state.into(values, shapes, 2);
                runner.run(values, shapes);
                go = Body.single(runner.output(0), "the body's condition") != 0;
                state.next(runner, 1);
                scans.add(runner, 1 + carried, condition ? 0 : trips - i - 1);
            }
            for (int k = 0; k < body.outputCount() - 1 - carried; k++) {
                scans.stack(k, 0, false, body.declared(1 + carried + k));
            }
        }
    }
}
