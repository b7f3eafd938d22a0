package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;

/** ONNX Squeeze: removes the axes of size 1 listed in {@code axes} (negative counts from the end). */
public final class Squeeze implements Op {
    private final long[] axes;

    /** @param axes the axes to remove; each must have size 1 */
    public Squeeze(long[] axes) {
        this.axes = axes.clone();
    }

    @Override
    public String type() {
        return "Squeeze";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("axes", axes).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Squeeze fromSpec(OpSpec s) {
        return new Squeeze(s.longsAttr("axes"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        int[] x = in[0];
        boolean[] removed = new boolean[x.length];
        for (long a : axes) {
            int d = Dims.axis(a, x.length, "axis");
            if (x[d] > 1 || x[d] == 0) {
                throw new IllegalArgumentException("cannot squeeze axis " + d + " of shape " + Shapes.toString(x) + ": its size is not 1");
            }
            if (removed[d]) {
                throw new IllegalArgumentException("axes " + Arrays.toString(axes) + " repeat axis " + d);
            }
            removed[d] = true;
        }
        int[] out = new int[x.length - axes.length];
        int k = 0;
        for (int d = 0; d < x.length; d++) {
            if (!removed[d]) {
                out[k++] = x[d];
            }
        }
        return new int[][] {out};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        System.arraycopy(inputs[0], 0, outputs[0], 0, inputs[0].length);
    }
}
