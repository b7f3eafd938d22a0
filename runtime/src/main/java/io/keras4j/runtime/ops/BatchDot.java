package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;

/**
 * Keras Dot ({@code batch_dot}): for each sample, the sum over axis {@code xAxis} of x and {@code yAxis} of y of their
 * products; the output has x's other axes, then y's other axes after the batch ({@code [batch, 1]} for two rank-2 inputs).
 * With {@code normalize} each input is first scaled to unit L2 norm along its summed axis, the scale capped at 1e7 as
 * Keras caps it ({@code min(rsqrt(Σx²), 1/epsilon)}).
 */
public final class BatchDot implements Op {
    private static final double MAX_SCALE = 1e7;

    private final int xAxis;
    private final int yAxis;
    private final boolean normalize;

    /** @param xAxis and {@code yAxis}: non-batch axes, counted from 0 */
    public BatchDot(int xAxis, int yAxis, boolean normalize) {
        if (xAxis < 1 || yAxis < 1) {
            throw new IllegalArgumentException("Dot sums over non-batch axes, got " + xAxis + " and " + yAxis);
        }
        this.xAxis = xAxis;
        this.yAxis = yAxis;
        this.normalize = normalize;
    }

    @Override
    public String type() {
        return "Dot";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("x_axis", xAxis).attr("y_axis", yAxis).attr("normalize", normalize).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static BatchDot fromSpec(OpSpec s) {
        return new BatchDot(s.intAttr("x_axis"), s.intAttr("y_axis"), s.boolAttr("normalize"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        if (in.length != 2) {
            throw new IllegalArgumentException("Dot takes 2 inputs, got " + in.length);
        }
        int[] x = in[0];
        int[] y = in[1];
        if (x.length <= xAxis || y.length <= yAxis || !Strides.compatible(x[0], y[0])
                || !Strides.compatible(x[xAxis], y[yAxis])) {
            throw new IllegalArgumentException("shapes " + Shapes.toString(x) + " and " + Shapes.toString(y)
                    + " do not take a dot product over axes " + xAxis + " and " + yAxis);
        }
        if (x.length == 2 && y.length == 2) {
            return new int[][] {{Strides.merge(x[0], y[0]), 1}};
        }
        int[] out = new int[x.length + y.length - 3];
        int o = 0;
        out[o++] = Strides.merge(x[0], y[0]);
        for (int d = 1; d < x.length; d++) {
            if (d != xAxis) {
                out[o++] = x[d];
            }
        }
        for (int d = 1; d < y.length; d++) {
            if (d != yAxis) {
                out[o++] = y[d];
            }
        }
        return new int[][] {out};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] xs = inputShapes[0];
        int[] ys = inputShapes[1];
        int batch = xs[0];
        int n = xs[xAxis];
        int xRest = restSize(xs, xAxis);
        int yRest = restSize(ys, yAxis);
        int xStride = Strides.product(xs, xAxis + 1, xs.length);
        int yStride = Strides.product(ys, yAxis + 1, ys.length);
        float[] x = inputs[0];
        float[] y = inputs[1];
        float[] out = outputs[0];
        int xSample = x.length / Math.max(batch, 1);
        int ySample = y.length / Math.max(batch, 1);
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < xRest; i++) {
                int xBase = b * xSample + offset(i, xs, xAxis, xStride);
                double xScale = normalize ? scale(x, xBase, xStride, n) : 1;
                for (int j = 0; j < yRest; j++) {
                    int yBase = b * ySample + offset(j, ys, yAxis, yStride);
                    double acc = 0;
                    for (int k = 0; k < n; k++) {
                        acc += (double) x[xBase + k * xStride] * y[yBase + k * yStride];
                    }
                    double yScale = normalize ? scale(y, yBase, yStride, n) : 1;
                    out[(b * xRest + i) * yRest + j] = (float) (acc * xScale * yScale);
                }
            }
        }
    }

    /** The number of positions of a sample over its axes other than the batch and {@code axis}. */
    private static int restSize(int[] shape, int axis) {
        return Strides.product(shape, 1, shape.length) / Math.max(shape[axis], 1);
    }

    /** The offset within a sample of the {@code rest}-th position over the axes other than the batch and {@code axis}. */
    private static int offset(int rest, int[] shape, int axis, int axisStride) {
        int inner = axisStride;
        int outer = rest / inner;
        return outer * inner * shape[axis] + rest % inner;
    }

    /** {@code min(1/sqrt(Σ v²), 1e7)} over the {@code n} values from {@code base} every {@code stride}. */
    private static double scale(float[] v, int base, int stride, int n) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double e = v[base + k * stride];
            sum += e * e;
        }
        return Math.min(1 / Math.sqrt(sum), MAX_SCALE);
    }
}
