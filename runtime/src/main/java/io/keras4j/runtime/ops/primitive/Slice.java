package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;

/**
 * ONNX Slice (opset 10+): inputs data, starts, ends, then optionally axes and steps, all 1-D of one length.
 * Bounds count from the end when negative and are clamped to the axis as ONNX says, so a huge end
 * means "to the end". The output shape depends on the bound values.
 */
public final class Slice implements Op {
    private final int inputCount;

    /** @param inputCount 3 (data, starts, ends), 4 (with axes) or 5 (with axes and steps) */
    public Slice(int inputCount) {
        if (inputCount < 3 || inputCount > 5) {
            throw new IllegalArgumentException("Slice takes 3 to 5 inputs, got " + inputCount);
        }
        this.inputCount = inputCount;
    }

    @Override
    public String type() {
        return "Slice";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("input_count", inputCount).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Slice fromSpec(OpSpec s) {
        return new Slice(s.intAttr("input_count"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return outputShapes(in, null);
    }

    @Override
    public int[][] outputShapes(int[][] in, float[][] values) {
        Dims.inputs(in, inputCount, type());
        int n = Dims.length(in[1], "starts");
        for (int k = 2; k < inputCount; k++) {
            if (Dims.length(in[k], "input " + k) != n) {
                throw new IllegalArgumentException("starts, ends, axes and steps must have one length, got shapes "
                        + Arrays.stream(in, 1, inputCount).map(io.keras4j.runtime.Shapes::toString).toList());
            }
        }
        int[] x = in[0];
        if (values == null || Arrays.stream(values, 1, inputCount).anyMatch(java.util.Objects::isNull)) {
            int[] out = x.clone();
            if (inputCount < 4) {
                Arrays.fill(out, 0, Math.min(n, out.length), -1);
            } else {
                Arrays.fill(out, -1);
            }
            return new int[][] {out};
        }
        int[][] p = params(x, values);
        int[] out = x.clone();
        for (int d = 0; d < x.length; d++) {
            out[d] = p[d][2];
        }
        return new int[][] {out};
    }

    /** Per axis: {first index, step, count}; the count -1 for a sliced axis of unknown length (-1). */
    private int[][] params(int[] x, float[][] v) {
        int[][] p = new int[x.length][];
        for (int d = 0; d < x.length; d++) {
            p[d] = new int[] {0, 1, x[d]};
        }
        int n = v[1].length;
        boolean[] seen = new boolean[x.length];
        for (int k = 0; k < n; k++) {
            int axis = inputCount >= 4 ? Dims.axis(Dims.integer(v[3][k], "axis"), x.length, "axis") : k;
            if (axis >= x.length) {
                throw new IllegalArgumentException("slices " + n + " axes of a tensor of rank " + x.length);
            }
            if (seen[axis]) {
                throw new IllegalArgumentException("axis " + axis + " is sliced twice");
            }
            seen[axis] = true;
            long step = inputCount == 5 ? Dims.integer(v[4][k], "step") : 1;
            if (step == 0) {
                throw new IllegalArgumentException("step of axis " + axis + " is 0");
            }
            long dim = x[axis];
            if (dim < 0) {
                p[axis] = new int[] {0, (int) step, -1};
                continue;
            }
            long start = bound(v[1][k], dim, 0, step > 0 ? dim : dim - 1);
            long end = bound(v[2][k], dim, step > 0 ? 0 : -1, step > 0 ? dim : dim - 1);
            long count = step > 0 ? Math.max(0, (end - start + step - 1) / step) : Math.max(0, (start - end - step - 1) / -step);
            p[axis] = new int[] {(int) start, (int) step, (int) count};
        }
        return p;
    }

    private static long bound(float value, long dim, long lo, long hi) {
        double v = value;
        if (v != Math.rint(v)) {
            throw new IllegalArgumentException("slice bound must be an integer, got " + value);
        }
        if (v < 0) {
            v += dim;
        }
        return (long) Math.max(lo, Math.min(hi, v));
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] x = inputShapes[0];
        int[][] p = params(x, inputs);
        int[] stride = Dims.strides(x);
        int[] count = new int[x.length];
        for (int d = 0; d < x.length; d++) {
            count[d] = p[d][2];
        }
        float[] src = inputs[0];
        float[] dst = outputs[0];
        for (int i = 0; i < dst.length; i++) {
            int rest = i;
            int off = 0;
            for (int d = x.length - 1; d >= 0; d--) {
                int c = rest % count[d];
                rest /= count[d];
                off += (p[d][0] + c * p[d][1]) * stride[d];
            }
            dst[i] = src[off];
        }
    }
}
