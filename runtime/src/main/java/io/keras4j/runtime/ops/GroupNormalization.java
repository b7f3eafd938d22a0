package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;

/**
 * Keras GroupNormalization: the channels of {@code axis} split into {@code groups} equal groups; each sample's group is
 * normalized over its channels and every other non-batch axis, {@code y = x·inv + (β - mean·inv)} with
 * {@code inv = γ / sqrt(variance + ε)} per channel (the population variance; γ 1 and β 0 when absent).
 */
public final class GroupNormalization implements Op {
    private final int rank;
    private final int axis;
    private final int groups;
    private final int channels;
    private final double epsilon;
    private final float[] gamma;
    private final float[] beta;

    /**
     * @param axis  the channel axis, counted from 0, not the batch axis
     * @param gamma one scale per channel, or null
     * @param beta  one offset per channel, or null
     */
    public GroupNormalization(int rank, int axis, int groups, int channels, double epsilon, float[] gamma, float[] beta) {
        if (axis < 1 || axis >= rank || groups < 1 || channels % groups != 0) {
            throw new IllegalArgumentException("GroupNormalization: axis " + axis + " of rank " + rank + ", " + groups
                    + " groups of " + channels + " channels");
        }
        if (gamma != null) {
            Weights.check("gamma", gamma, channels);
        }
        if (beta != null) {
            Weights.check("beta", beta, channels);
        }
        this.rank = rank;
        this.axis = axis;
        this.groups = groups;
        this.channels = channels;
        this.epsilon = epsilon;
        this.gamma = gamma;
        this.beta = beta;
    }

    @Override
    public String type() {
        return "GroupNormalization";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("rank", rank).attr("axis", axis).attr("groups", groups)
                .attr("channels", channels).attr("epsilon", epsilon).weight("gamma", gamma, gamma == null ? 0 : channels)
                .weight("beta", beta, beta == null ? 0 : channels).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static GroupNormalization fromSpec(OpSpec s) {
        return new GroupNormalization(s.intAttr("rank"), s.intAttr("axis"), s.intAttr("groups"), s.intAttr("channels"),
                s.doubleAttr("epsilon"), s.weight("gamma"), s.weight("beta"));
    }

    @Override
    public long parameterCount() {
        return (gamma == null ? 0 : channels) + (beta == null ? 0 : channels);
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        Inputs.rank(x, rank, "input");
        if (x[axis] >= 0 && x[axis] != channels) {
            throw new IllegalArgumentException("input axis " + axis + " has " + x[axis] + " channels, not " + channels);
        }
        return new int[][] {x.clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int[] shape = inputShapes[0];
        int batch = shape[0];
        int outer = Shapes.product(shape, 1, axis);
        int inner = Shapes.product(shape, axis + 1, rank);
        int per = channels / groups;
        float[] x = inputs[0];
        float[] y = outputs[0];
        double count = (double) outer * per * inner;
        for (int b = 0; b < batch; b++) {
            for (int g = 0; g < groups; g++) {
                double sum = 0;
                for (int o = 0; o < outer; o++) {
                    for (int c = g * per; c < (g + 1) * per; c++) {
                        int at = ((b * outer + o) * channels + c) * inner;
                        for (int i = 0; i < inner; i++) {
                            sum += x[at + i];
                        }
                    }
                }
                double mean = sum / count;
                double squares = 0;
                for (int o = 0; o < outer; o++) {
                    for (int c = g * per; c < (g + 1) * per; c++) {
                        int at = ((b * outer + o) * channels + c) * inner;
                        for (int i = 0; i < inner; i++) {
                            double d = x[at + i] - mean;
                            squares += d * d;
                        }
                    }
                }
                double root = 1 / Math.sqrt(squares / count + epsilon);
                for (int c = g * per; c < (g + 1) * per; c++) {
                    double inv = gamma == null ? root : root * gamma[c];
                    double shift = (beta == null ? 0 : beta[c]) - mean * inv;
                    for (int o = 0; o < outer; o++) {
                        int at = ((b * outer + o) * channels + c) * inner;
                        for (int i = 0; i < inner; i++) {
                            y[at + i] = (float) (x[at + i] * inv + shift);
                        }
                    }
                }
            }
        }
    }
}
