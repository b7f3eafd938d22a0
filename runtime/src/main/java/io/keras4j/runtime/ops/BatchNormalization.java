package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;

/**
 * Keras BatchNormalization at inference: along channel axis {@code axis},
 * {@code y = x·inv + (beta - mean·inv)} with {@code inv = gamma / sqrt(movingVariance + epsilon)}, the float32
 * steps of TensorFlow's {@code tf.nn.batch_normalization}. The two per-channel vectors are computed once,
 * by {@link #fromMoments}.
 */
public final class BatchNormalization implements Op {
    private final int rank;
    private final int axis;
    private final float[] scale;
    private final float[] shift;
    private final long kerasParameters;

    /**
     * @param rank  the input rank (batch included) the layer was built for
     * @param axis  the channel axis, in {@code [1, rank)}
     * @param scale per-channel multiplier
     * @param shift per-channel offset added after the multiplication
     */
    public BatchNormalization(int rank, int axis, float[] scale, float[] shift, long kerasParameters) {
        if (axis < 1 || axis >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is not a non-batch axis of rank " + rank);
        }
        Weights.check("scale", scale, scale.length);
        Weights.check("shift", shift, scale.length);
        this.rank = rank;
        this.axis = axis;
        this.scale = scale;
        this.shift = shift;
        this.kerasParameters = kerasParameters;
    }

    /**
     * The op for Keras' weights. {@code gamma} and {@code beta} may be null (scale=False, center=False).
     * Computes {@code inv = rsqrt(var + eps) [* gamma]} and {@code shift = beta - mean·inv} (or {@code -mean·inv})
     * in float32, as TensorFlow does.
     */
    public static BatchNormalization fromMoments(int rank, int axis, float[] gamma, float[] beta, float[] mean,
                                                 float[] variance, double epsilon) {
        int c = mean.length;
        Weights.check("moving_variance", variance, c);
        if (gamma != null) {
            Weights.check("gamma", gamma, c);
        }
        if (beta != null) {
            Weights.check("beta", beta, c);
        }
        float eps = (float) epsilon;
        float[] inv = new float[c];
        float[] shift = new float[c];
        for (int i = 0; i < c; i++) {
            inv[i] = (float) (1.0 / Math.sqrt(variance[i] + eps));
            if (gamma != null) {
                inv[i] *= gamma[i];
            }
            float meanInv = mean[i] * inv[i];
            shift[i] = beta != null ? beta[i] - meanInv : -meanInv;
        }
        long params = 2L * c + (gamma != null ? c : 0) + (beta != null ? c : 0);
        return new BatchNormalization(rank, axis, inv, shift, params);
    }

    @Override
    public String type() {
        return "BatchNormalization";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("rank", rank).attr("axis", axis).attr("keras_parameters", (int) kerasParameters)
                .weight("scale", scale, scale.length).weight("shift", shift, shift.length).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static BatchNormalization fromSpec(OpSpec s) {
        return new BatchNormalization(s.intAttr("rank"), s.intAttr("axis"), s.weight("scale"), s.weight("shift"),
                s.intAttr("keras_parameters"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        Inputs.rank(x, rank, "input");
        if (!Strides.compatible(x[axis], scale.length)) {
            throw new IllegalArgumentException("input must have " + scale.length + " channels on axis " + axis
                    + " but has shape " + Shapes.toString(x));
        }
        return new int[][] {x.clone()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] y = outputs[0];
        int channels = scale.length;
        int inner = Strides.product(inputShapes[0], axis + 1, rank);
        if (inner == 1) {
            for (int i = 0; i < x.length; i++) {
                int c = i % channels;
                y[i] = x[i] * scale[c] + shift[c];
            }
            return;
        }
        for (int i = 0; i < x.length; i++) {
            int c = (i / inner) % channels;
            y[i] = x[i] * scale[c] + shift[c];
        }
    }

    @Override
    public long parameterCount() {
        return kerasParameters;
    }
}
