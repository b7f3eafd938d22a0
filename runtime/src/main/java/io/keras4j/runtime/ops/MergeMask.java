package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import java.util.Arrays;

/**
 * The mask Keras 3 gives the output of a merge layer. Inputs: the n merged values (for their shapes),
 * then the masks of the inputs flagged in {@code masked}; a mask has its value's shape without the last
 * axis, holding 1 (valid) or 0.
 *
 * <ul>
 *   <li>{@link #or}: element-wise merges (Add, Maximum, ...) when every input has a mask: their logical OR,
 *       broadcast as the values are.</li>
 *   <li>{@link #concatenate}: Concatenate along {@code axis}: a missing mask counts as all valid; along the
 *       last axis the result is the OR of the masks, along an earlier axis the masks are concatenated.</li>
 * </ul>
 */
public final class MergeMask implements Op {
    private final int axis;
    private final boolean[] masked;
    private final int maskCount;

    private MergeMask(int axis, boolean[] masked) {
        this.axis = axis;
        this.masked = masked.clone();
        int m = 0;
        for (boolean b : masked) {
            m += b ? 1 : 0;
        }
        this.maskCount = m;
    }

    /** The OR of the masks of {@code inputs} merged values, all of which have a mask. */
    public static MergeMask or(int inputs) {
        boolean[] all = new boolean[inputs];
        Arrays.fill(all, true);
        return new MergeMask(-1, all);
    }

    /** The mask of a concatenation along non-negative {@code axis} (not the batch axis). */
    public static MergeMask concatenate(int axis, boolean[] masked) {
        if (axis < 1) {
            throw new IllegalArgumentException("cannot concatenate along axis " + axis);
        }
        return new MergeMask(axis, masked);
    }

    @Override
    public String type() {
        return axis < 0 ? "MergeMask" : "ConcatenateMask";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder("MergeMask").attr("axis", axis).attr("masked", Flags.toInts(masked)).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static MergeMask fromSpec(OpSpec s) {
        int axis = s.intAttr("axis");
        boolean[] masked = Flags.fromInts(s.intsAttr("masked"));
        return axis < 0 ? or(masked.length) : concatenate(axis, masked);
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int n = masked.length;
        if (in.length != n + maskCount) {
            throw new IllegalArgumentException(type() + " takes " + (n + maskCount) + " inputs, got " + in.length);
        }
        int m = n;
        for (int k = 0; k < n; k++) {
            if (masked[k]) {
                Strides.checkMask(in[m++], in[k], "mask of input " + k);
            }
        }
        int[] y = Strides.dropLast(in[0]);
        int rank = y.length + 1;
        for (int k = 1; k < n; k++) {
            int[] x = Strides.dropLast(in[k]);
            boolean ok = x.length == y.length;
            for (int d = 0; ok && d < y.length; d++) {
                if (axis < 0 && d > 0 && (x[d] == 1 || y[d] == 1)) {
                    y[d] = y[d] == 1 ? x[d] : y[d];
                } else if (d != axis) {
                    ok = Strides.compatible(x[d], y[d]);
                    y[d] = Strides.merge(y[d], x[d]);
                } else {
                    y[d] = y[d] < 0 || x[d] < 0 ? -1 : y[d] + x[d];
                }
            }
            if (!ok) {
                throw new IllegalArgumentException("masks of inputs with shapes "
                        + Arrays.stream(in, 0, n).map(Shapes::toString).toList() + " cannot be merged");
            }
        }
        if (axis >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for input shape " + Shapes.toString(in[0]));
        }
        return new int[][] {y};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int n = masked.length;
        float[] y = outputs[0];
        int rank = inputShapes[0].length;
        if (axis >= 0 && axis < rank - 1) {
            int outer = Strides.product(inputShapes[0], 0, axis);
            int inner = Strides.product(inputShapes[0], axis + 1, rank - 1);
            int at = 0;
            for (int o = 0; o < outer; o++) {
                int m = n;
                for (int k = 0; k < n; k++) {
                    int chunk = inputShapes[k][axis] * inner;
                    if (masked[k]) {
                        System.arraycopy(inputs[m++], o * chunk, y, at, chunk);
                    } else {
                        Arrays.fill(y, at, at + chunk, 1f);
                    }
                    at += chunk;
                }
            }
            return;
        }
        if (maskCount < n) {
            Arrays.fill(y, 1f);
            return;
        }
        boolean same = true;
        for (int k = 0; k < n; k++) {
            same &= inputs[n + k].length == y.length;
        }
        for (int i = 0; i < y.length; i++) {
            boolean valid = false;
            for (int k = 0; k < n; k++) {
                valid |= inputs[n + k][same ? i : Strides.broadcast(i, inputShapes, n, 2 * n, n + k)] != 0f;
            }
            y[i] = valid ? 1f : 0f;
        }
    }
}
