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

    /** Starts, ends, axes and steps. */
    @Override
    public boolean shapeReadsValue(int input) {
        return input >= 1;
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
        checkAxes(x.length, values);
        int[] out = x.clone();
        for (int d = 0; d < x.length; d++) {
            int k = entry(values, x.length, d);
            out[d] = k < 0 || x[d] < 0 ? x[d] : count(values, k, x[d]);
        }
        return new int[][] {out};
    }

    /** Refuses axes out of range or sliced twice, and steps of 0. */
    private void checkAxes(int rank, float[][] v) {
        int n = v[1].length;
        for (int k = 0; k < n; k++) {
            int axis = axisOf(v, k, rank);
            if (axis >= rank) {
                throw new IllegalArgumentException("slices " + n + " axes of a tensor of rank " + rank);
            }
            for (int j = 0; j < k; j++) {
                if (axisOf(v, j, rank) == axis) {
                    throw new IllegalArgumentException("axis " + axis + " is sliced twice");
                }
            }
            if (step(v, k) == 0) {
                throw new IllegalArgumentException("step of axis " + axis + " is 0");
            }
        }
    }

    /** The axis that entry k of the bounds slices. */
    private int axisOf(float[][] v, int k, int rank) {
        return inputCount >= 4 ? Dims.axis(Dims.integer(v[3][k], "axis"), rank, "axis") : k;
    }

    /** The entry of the bounds that slices {@code axis}, or -1 when none does (the axis is kept whole). */
    private int entry(float[][] v, int rank, int axis) {
        for (int k = 0; k < v[1].length; k++) {
            if (axisOf(v, k, rank) == axis) {
                return k;
            }
        }
        return -1;
    }

    private long step(float[][] v, int k) {
        return inputCount == 5 ? Dims.integer(v[4][k], "step") : 1;
    }

    /** The first index entry k takes of an axis of length {@code dim}, clamped as ONNX says. */
    private long start(float[][] v, int k, long dim) {
        return bound(v[1][k], dim, 0, step(v, k) > 0 ? dim : dim - 1);
    }

    /** How many indices entry k takes of an axis of length {@code dim}. */
    private int count(float[][] v, int k, long dim) {
        if (dim == 0) {
            return 0;
        }
        long step = step(v, k);
        long start = start(v, k, dim);
        long end = bound(v[2][k], dim, step > 0 ? 0 : -1, step > 0 ? dim : dim - 1);
        return (int) (step > 0 ? Math.max(0, (end - start + step - 1) / step) : Math.max(0, (start - end - step - 1) / -step));
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
        if (x.length == 0) {
            outputs[0][0] = inputs[0][0];
        } else {
            copy(inputs, x, 0, 0, outputs[0], 0);
        }
    }

    /**
     * Copies the slice of axes {@code d} and after of the block of the input at {@code from} to {@code dst} at
     * {@code to}; returns where the next block goes. One call per row of the output: no arrays, so nothing allocated.
     */
    private int copy(float[][] v, int[] x, int d, int from, float[] dst, int to) {
        int k = entry(v, x.length, d);
        int start = k < 0 ? 0 : (int) start(v, k, x[d]);
        int step = k < 0 ? 1 : (int) step(v, k);
        int count = k < 0 ? x[d] : count(v, k, x[d]);
        int stride = 1;
        for (int e = d + 1; e < x.length; e++) {
            stride *= x[e];
        }
        if (d == x.length - 1) {
            if (step == 1) {
                System.arraycopy(v[0], from + start, dst, to, count);
            } else {
                for (int c = 0; c < count; c++) {
                    dst[to + c] = v[0][from + start + c * step];
                }
            }
            return to + count;
        }
        for (int c = 0; c < count; c++) {
            to = copy(v, x, d + 1, from + (start + c * step) * stride, dst, to);
        }
        return to;
    }
}
