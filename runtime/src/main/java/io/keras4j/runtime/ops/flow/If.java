package io.keras4j.runtime.ops.flow;

import io.keras4j.runtime.Runner;
import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.ops.ControlFlowOp;
import io.keras4j.runtime.ops.OpSpec;

/**
 * ONNX If with a condition known only at run time: runs the then-branch when the condition (input 0, one value) is
 * non-zero, the else-branch otherwise. Both branches read the same values of the graph around them (the node's other
 * inputs) and give outputs of the same ranks; a dimension on which they differ is known only at run time.
 */
public final class If implements ControlFlowOp {
    private final Body thenBranch;
    private final Body elseBranch;

    public If(Graph thenBranch, Graph elseBranch) {
        this.thenBranch = new Body(thenBranch, 0, 0, "then_branch");
        this.elseBranch = new Body(elseBranch, 0, 0, "else_branch");
        if (this.thenBranch.captured() != this.elseBranch.captured() || this.thenBranch.outputCount() != this.elseBranch.outputCount()) {
            throw new IllegalArgumentException("then_branch and else_branch must read the same values and give as many outputs");
        }
        for (int i = 0; i < this.thenBranch.outputCount(); i++) {
            if (this.thenBranch.declared(i).length != this.elseBranch.declared(i).length) {
                throw new IllegalArgumentException("output " + i + " has shape " + Shapes.toString(this.thenBranch.declared(i))
                        + " in then_branch but " + Shapes.toString(this.elseBranch.declared(i)) + " in else_branch; their ranks must agree");
            }
        }
    }

    @Override
    public String type() {
        return "If";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("then_branch", thenBranch.graph()).attr("else_branch", elseBranch.graph()).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static If fromSpec(OpSpec s) {
        return new If(s.graphAttr("then_branch"), s.graphAttr("else_branch"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        if (in.length != 1 + thenBranch.captured() || Shapes.checkedSize(in[0]) != 1) {
            throw new IllegalArgumentException("If takes a condition of one value and the " + thenBranch.captured()
                    + " values its branches read, got shapes " + java.util.Arrays.stream(in).map(Shapes::toString).toList());
        }
        int[][] out = new int[thenBranch.outputCount()][];
        for (int i = 0; i < out.length; i++) {
            int[] a = thenBranch.declared(i);
            int[] b = elseBranch.declared(i);
            out[i] = new int[a.length];
            for (int d = 0; d < a.length; d++) {
                out[i][d] = a[d] == b[d] ? a[d] : -1;
            }
        }
        return out;
    }

    @Override
    public ControlFlowOp.Run newRun() {
        return new Run();
    }

    /** Runs the branch the condition chooses, each branch in a runner of its own; its outputs are the branch's. */
    private final class Run implements ControlFlowOp.Run {
        private final Runner then = thenBranch.runner();
        private final Runner otherwise = elseBranch.runner();
        private final float[][] values = new float[thenBranch.inputCount()][];
        private final int[][] shapes = new int[values.length][];
        private Runner chosen;

        @Override
        public void run(float[][] inputs, int[][] inputShapes) {
            chosen = Body.single(inputs[0], "the condition") != 0 ? then : otherwise;
            thenBranch.capture(inputs, inputShapes, values, shapes);
            chosen.run(values, shapes);
        }

        @Override
        public float[] output(int i) {
            return chosen.output(i);
        }

        @Override
        public int[] outputShape(int i) {
            return chosen.outputShape(i);
        }
    }
}
