package io.keras4j.runtime.ops.flow;

import io.keras4j.runtime.Runner;
import io.keras4j.runtime.ops.ControlFlowOp;

/**
 * What a run of a Loop or Scan keeps from one call to the next: its body's runner (which plans the body again only when
 * the shapes of its inputs change) and input arrays, the carried values and the scan outputs, which are the op's
 * outputs in that order.
 */
abstract class BodyRun implements ControlFlowOp.Run {
    final Runner runner;
    final float[][] values;
    final int[][] shapes;
    final Carried state;
    final ScanOutputs scans;
    private final int carried;

    BodyRun(Body body, int carried, int scanOutputs) {
        runner = body.runner();
        values = new float[body.inputCount()][];
        shapes = new int[values.length][];
        state = new Carried(carried);
        scans = new ScanOutputs(scanOutputs);
        this.carried = carried;
    }

    @Override
    public float[] output(int i) {
        return i < carried ? state.value(i) : scans.stacked(i - carried);
    }

    @Override
    public int[] outputShape(int i) {
        return i < carried ? state.shape(i) : scans.shape(i - carried);
    }
}
