package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import java.util.Arrays;
import java.util.EnumSet;

/**
 * Layer normalization over one or more axes of each sample, in the float32 steps of Keras or of ONNX (see {@link
 * Form}), with mean m and variance v over those axes. gamma and beta have the normalized axes' shape, in row-major
 * order of those axes; either may be null.
 */
public final class LayerNormalization implements Op {
    /** Which float32 steps turn x into y; they round differently where the mean is large against the spread. */
    public enum Form {
        /**
         * Keras 3 (and tf.keras): {@code inv = rsqrt(v + epsilon)·gamma}, {@code y = x·inv + (beta - m·inv)}; over axes
         * holding one value, where TensorFlow's graph optimizer folds that into {@code (x - m)·inv + beta}, that (beta).
         */
        KERAS,
        /** Keras 3's deprecated {@code rms_scaling}: {@code y = x·rsqrt(v + epsilon)·gamma}, the variance and no beta. */
        KERAS_RMS_SCALING,
        /** ONNX LayerNormalization: {@code y = (x - m)·rsqrt(v + epsilon)·gamma + beta}. */
        ONNX,
        /** Keras 3 RMSNormalization: {@code y = x·rsqrt(mean(x²) + epsilon)·gamma}, the mean square and no beta. */
        RMS,
        /**
         * ONNX Runtime's EmbedLayerNormalization kernel: m and v summed in float32 in order, then
         * {@code y = (x - m) / sqrt(v + epsilon)·gamma + beta}, each step in float32.
         */
        ORT_EMBED,
        /**
         * ONNX Runtime's SkipLayerNormalization kernel: m and v by Welford's updates in float32 in order
         * ({@code d = x - m; m += d / k; s += d·(x - m)}, {@code v = s / n}), then y as {@link #ORT_EMBED}.
         */
        ORT_SKIP,
        /**
         * ONNX Runtime's SkipSimplifiedLayerNormalization kernel: the mean square summed in float32 in order, then
         * {@code y = x / sqrt(mean(x²) + epsilon)·gamma}, each step in float32.
         */
        ORT_SKIP_RMS
    }

    /** The forms computed by {@link #floatSums}. */
    private static final EnumSet<Form> FLOAT_SUMS = EnumSet.of(Form.ORT_EMBED, Form.ORT_SKIP, Form.ORT_SKIP_RMS);

    private final int rank;
    private final int[] axes;
    private final int[] sizes;
    private final float epsilon;
    private final float[] gamma;
    private final float[] beta;
    private final Form form;
    private final boolean trailing;
    private final int groupSize;

    /**
     * @param rank  the input rank (batch included)
     * @param axes  the normalized axes, sorted, in {@code [1, rank)}
     * @param sizes the input dimension on each of those axes
     */
    public LayerNormalization(int rank, int[] axes, int[] sizes, double epsilon, float[] gamma, float[] beta, Form form) {
        if (axes.length == 0 || axes.length != sizes.length) {
            throw new IllegalArgumentException("axes " + Arrays.toString(axes) + " and sizes " + Arrays.toString(sizes)
                    + " must be non-empty and of one length");
        }
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < 1 || axes[i] >= rank || i > 0 && axes[i] <= axes[i - 1]) {
                throw new IllegalArgumentException("axes " + Arrays.toString(axes) + " must be sorted non-batch axes of rank " + rank);
            }
        }
        for (int size : sizes) {
            if (size <= 0) {
                throw new IllegalArgumentException("normalized axes must have known positive sizes, got " + Arrays.toString(sizes));
            }
        }
        this.groupSize = Strides.product(sizes, 0, sizes.length);
        if (gamma != null) {
            Weights.check("gamma", gamma, sizes);
        }
        if (beta != null) {
            Weights.check("beta", beta, sizes);
        }
        this.rank = rank;
        this.axes = axes.clone();
        this.sizes = sizes.clone();
        this.epsilon = (float) epsilon;
        this.gamma = gamma;
        this.beta = beta;
        this.form = form;
        this.trailing = axes[0] == rank - axes.length;
    }

    @Override
    public String type() {
        return "LayerNormalization";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("rank", rank).attr("axes", axes).attr("sizes", sizes).attr("epsilon", (double) epsilon)
                .attr("form", form.name()).weight("gamma", gamma, sizes).weight("beta", beta, sizes).build();
    }

    /** Rebuilds the op from its {@link #spec()}; files written before there were forms have a Keras one. */
    public static LayerNormalization fromSpec(OpSpec s) {
        Form form = s.has("form") ? s.enumAttr("form", Form.class)
                : s.boolAttr("rms_scaling") ? Form.KERAS_RMS_SCALING : Form.KERAS;
        return new LayerNormalization(s.intAttr("rank"), s.intsAttr("axes"), s.intsAttr("sizes"), s.doubleAttr("epsilon"),
                s.weight("gamma"), s.weight("beta"), form);
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[] x = Inputs.single(in, type());
        Inputs.rank(x, rank, "input");
        for (int i = 0; i < axes.length; i++) {
            if (!Strides.compatible(x[axes[i]], sizes[i])) {
                throw new IllegalArgumentException("input must have size " + sizes[i] + " on axis " + axes[i]
                        + " but has shape " + Shapes.toString(x));
            }
        }
        return new int[][] {x.clone()};
    }

    /** The flat index of element {@code p} (row-major over the normalized axes) of group {@code g} (over the others). */
    private int flat(int g, int p, int[] x) {
        return trailing ? g * groupSize + p : ReducedAxes.flatIndex(g, p, x, axes);
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] y = outputs[0];
        int[] shape = inputShapes[0];
        int groups = x.length / groupSize;
        for (int g = 0; g < groups; g++) {
            if (FLOAT_SUMS.contains(form)) {
                floatSums(x, y, g, shape);
                continue;
            }
            float mean = 0; // RMS: so the variance below is the mean square
            if (form != Form.RMS) {
                double sum = 0;
                for (int j = 0; j < groupSize; j++) {
                    sum += x[flat(g, j, shape)];
                }
                mean = (float) (sum / groupSize);
            }
            double sq = 0;
            for (int j = 0; j < groupSize; j++) {
                float dv = x[flat(g, j, shape)] - mean;
                sq += (double) dv * dv;
            }
            float variance = (float) (sq / groupSize);
            for (int j = 0; j < groupSize; j++) {
                int i = flat(g, j, shape);
                y[i] = normalize(x[i], mean, variance, j);
            }
        }
    }

    /** Group g in the float32 steps of ONNX Runtime's kernels ({@link #FLOAT_SUMS}). */
    private void floatSums(float[] x, float[] y, int g, int[] shape) {
        float mean = 0; // ORT_SKIP_RMS: so the squared deviations below are the squares
        float sq = 0;
        if (form == Form.ORT_SKIP) {
            for (int j = 0; j < groupSize; j++) {
                float v = x[flat(g, j, shape)];
                float delta = v - mean;
                mean += delta / (j + 1);
                sq += delta * (v - mean);
            }
        } else {
            if (form == Form.ORT_EMBED) {
                float sum = 0;
                for (int j = 0; j < groupSize; j++) {
                    sum += x[flat(g, j, shape)];
                }
                mean = sum / groupSize;
            }
            for (int j = 0; j < groupSize; j++) {
                float dv = x[flat(g, j, shape)] - mean;
                sq += dv * dv;
            }
        }
        float deviation = (float) Math.sqrt(sq / groupSize + epsilon);
        for (int j = 0; j < groupSize; j++) {
            int i = flat(g, j, shape);
            float out = (x[i] - mean) / deviation;
            if (gamma != null) {
                out *= gamma[j];
            }
            y[i] = beta == null ? out : out + beta[j];
        }
    }

    private float normalize(float x, float mean, float variance, int p) {
        float inv = (float) (1.0 / Math.sqrt(variance + epsilon));
        if (form == Form.KERAS_RMS_SCALING || form == Form.RMS) {
            float out = x * inv;
            return gamma == null ? out : out * gamma[p];
        }
        if (form == Form.ONNX || form == Form.KERAS && groupSize == 1) {
            float out = (x - mean) * inv;
            if (gamma != null) {
                out *= gamma[p];
            }
            return beta == null ? out : out + beta[p];
        }
        if (gamma != null) {
            inv *= gamma[p];
        }
        float res = -mean * inv;
        if (beta != null) {
            res += beta[p];
        }
        return x * inv + res;
    }

    @Override
    public long parameterCount() {
        return (gamma == null ? 0 : gamma.length) + (beta == null ? 0 : beta.length);
    }
}
