package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import java.util.Arrays;

/**
 * Keras Softmax layer over one axis ({@code exp(x - max) / sum}) or several axes
 * ({@code exp(x - logsumexp(x))}, as Keras 3 does for a tuple axis), computed in double and rounded; or its logarithm
 * ({@code x - logsumexp(x)}, ONNX LogSoftmax over any axes, type LogSoftmax); or ONNX Hardmax (type Hardmax): 1 at the
 * first maximum of each group, 0 elsewhere.
 *
 * <p>Masked (Keras 3): a second input, the mask, broadcasts against x aligned to the right as numpy does
 * (a {@code [batch, time]} mask on a {@code [batch, time, features]} input therefore lines up with the
 * last two axes, which is what Keras does); masked positions take -1e9 before the softmax and 0 after (Keras 3.10 and
 * later), or, as Keras 3.0 to 3.9 did (type SoftmaxUnzeroed), are lowered by 1e9 in float32 and kept after.
 */
public final class Softmax implements Op {
    private static final float MASKED = -1e9f;
    private final int rank;
    private final int[] axes;
    private final boolean masked;
    private final boolean log;
    private final boolean zeroMasked;
    private final boolean hard;

    /**
     * @param rank   the input rank (batch included)
     * @param axes   the axes to normalize over, sorted, in {@code [0, rank)}
     * @param masked whether a mask input follows x
     */
    public Softmax(int rank, int[] axes, boolean masked) {
        this(rank, axes, masked, false, true, false);
    }

    /** The logarithm of the softmax over {@code axes} (sorted, in {@code [0, rank)}), unmasked. */
    public static Softmax log(int rank, int[] axes) {
        return new Softmax(rank, axes, false, true, true, false);
    }

    /** ONNX Hardmax over {@code axes} (sorted, in {@code [0, rank)}): 1 at each group's first maximum, 0 elsewhere. */
    public static Softmax hard(int rank, int[] axes) {
        return new Softmax(rank, axes, false, false, true, true);
    }

    /** Keras 3.0 to 3.9's masked softmax: masked scores lowered by 1e9 in float32, nothing zeroed after. */
    public static Softmax unzeroed(int rank, int[] axes) {
        return new Softmax(rank, axes, true, false, false, false);
    }

    private Softmax(int rank, int[] axes, boolean masked, boolean log, boolean zeroMasked, boolean hard) {
        if (axes.length == 0) {
            throw new IllegalArgumentException("softmax needs at least one axis");
        }
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < 0 || axes[i] >= rank || i > 0 && axes[i] <= axes[i - 1]) {
                throw new IllegalArgumentException("axes " + Arrays.toString(axes) + " must be sorted axes of rank " + rank);
            }
        }
        this.rank = rank;
        this.axes = axes.clone();
        this.masked = masked;
        this.log = log;
        this.zeroMasked = zeroMasked;
        this.hard = hard;
    }

    @Override
    public String type() {
        return hard ? "Hardmax" : log ? "LogSoftmax" : zeroMasked ? "Softmax" : "SoftmaxUnzeroed";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("rank", rank).attr("axes", axes).attr("masked", masked).build();
    }

    /** Rebuilds the op from its {@link #spec()} (type Softmax, LogSoftmax, Hardmax or SoftmaxUnzeroed). */
    public static Softmax fromSpec(OpSpec s) {
        boolean hard = s.type().equals("Hardmax");
        if (hard && s.boolAttr("masked")) {
            throw new IllegalArgumentException("a Hardmax takes no mask");
        }
        return new Softmax(s.intAttr("rank"), s.intsAttr("axes"), s.boolAttr("masked"), s.type().equals("LogSoftmax"),
                !s.type().equals("SoftmaxUnzeroed"), hard);
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        if (in.length != (masked ? 2 : 1)) {
            throw new IllegalArgumentException(type() + " takes " + (masked ? 2 : 1) + " inputs, got " + in.length);
        }
        int[] x = in[0];
        Inputs.rank(x, rank, "input");
        if (masked) {
            int[] m = in[1];
            boolean ok = m.length <= x.length;
            for (int d = 1; ok && d <= m.length; d++) {
                int md = m[m.length - d];
                ok = md == 1 || Strides.compatible(md, x[x.length - d]);
            }
            if (!ok) {
                throw new IllegalArgumentException("mask of shape " + Shapes.toString(m) + " does not broadcast to input "
                        + Shapes.toString(x) + " (Keras aligns the mask to the input's last axes)");
            }
        }
        return new int[][] {x.clone()};
    }

    /** Flat index of element {@code p} (row-major over the softmax axes) of group {@code g} (over the others). */
    private int flat(int g, int p, int[] x) {
        return ReducedAxes.flatIndex(g, p, x, axes);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] y = outputs[0];
        int[] shape = inputShapes[0];
        float[] mask = masked ? inputs[1] : null;
        int[] maskShape = masked ? inputShapes[1] : null;
        int size = 1;
        for (int a : axes) {
            size *= shape[a];
        }
        if (size == 0) {
            return;
        }
        int groups = x.length / size;
        if (hard) {
            hardmax(x, y, shape, groups, size);
            return;
        }
        for (int g = 0; g < groups; g++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < size; j++) {
                int i = flat(g, j, shape);
                boolean hidden = mask != null && mask[Shapes.broadcastOffset(i, shape, maskShape)] == 0f;
                float v = !hidden ? x[i] : zeroMasked ? MASKED : x[i] + MASKED;
                y[i] = v;
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int j = 0; j < size; j++) {
                sum += Math.exp(y[flat(g, j, shape)] - max);
            }
            double lse = max + Math.log(sum);
            for (int j = 0; j < size; j++) {
                int i = flat(g, j, shape);
                double e = log ? y[i] - lse : axes.length == 1 ? Math.exp(y[i] - max) / sum : Math.exp(y[i] - lse);
                y[i] = zeroMasked && mask != null && mask[Shapes.broadcastOffset(i, shape, maskShape)] == 0f ? 0f : (float) e;
            }
        }
    }

    /** 1 at the first maximum of each of {@code groups} groups of {@code size} values, 0 elsewhere. */
    private void hardmax(float[] x, float[] y, int[] shape, int groups, int size) {
        for (int g = 0; g < groups; g++) {
            int first = flat(g, 0, shape);
            for (int j = 0; j < size; j++) {
                int i = flat(g, j, shape);
                y[i] = 0f;
                if (x[i] > x[first]) {
                    first = i;
                }
            }
            y[first] = 1f;
        }
    }
}
