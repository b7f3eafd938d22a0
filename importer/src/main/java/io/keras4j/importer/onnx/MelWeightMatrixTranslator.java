package io.keras4j.importer.onnx;

import java.util.List;

/**
 * ONNX MelWeightMatrix (opset 17) of constant inputs, computed at import as ONNX Runtime computes it:
 * {@code [dft_length / 2 + 1, num_mel_bins]} triangles between num_mel_bins + 2 points spaced evenly in mels
 * (2595·log10(1 + hz/700)) from lower_edge_hertz to upper_edge_hertz (ONNX Runtime's step divides the range by
 * num_mel_bins + 2), each point's bin {@code floor((dft_length + 1)·hz / sample_rate)}; a triangle of width 0 is a 1 at
 * its centre; float32 output only.
 */
final class MelWeightMatrixTranslator implements OpTranslator {
    /** The most weights computed. */
    private static final long MAX_WEIGHTS = 1 << 24;

    @Override
    public int requiredInputs() {
        return 5;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        long[] mels = Args.intScalar(node, b, 0, "num_mel_bins");
        long[] length = Args.intScalar(node, b, 1, "dft_length");
        long[] rate = Args.intScalar(node, b, 2, "sample_rate");
        float[] lower = hertz(node, b, 3, "lower_edge_hertz");
        float[] upper = hertz(node, b, 4, "upper_edge_hertz");
        long type = node.intAttr("output_datatype", DataTypes.FLOAT);
        if (type != DataTypes.FLOAT) {
            node.problem("output_datatype=" + type + " is not supported (1, float)");
        }
        float[] weights = mels == null || length == null || rate == null || lower == null || upper == null
                || type != DataTypes.FLOAT ? null : weights(node, mels[0], length[0], rate[0], lower[0], upper[0]);
        if (weights == null) {
            b.unavailable(List.of(node.output(0)));
            return;
        }
        int bins = (int) (length[0] / 2 + 1);
        b.defineConstant(node.output(0), OnnxTensor.ofFloats(DataTypes.FLOAT, new int[] {bins, (int) mels[0]}, weights));
    }

    private static float[] hertz(OnnxNode node, OnnxGraphBuilder b, int i, String what) {
        OnnxTensor t = Args.constant(node, b, i, what);
        if (t != null && t.size() != 1) {
            node.problem(what + " must be one value, got " + t);
            return null;
        }
        return t == null ? null : t.floats();
    }

    private static float[] weights(OnnxNode node, long mels, long length, long rate, float lower, float upper) {
        long bins = length / 2 + 1;
        if (mels < 1 || length < 1 || rate < 1 || mels > MAX_WEIGHTS / bins) {
            node.problem("num_mel_bins " + mels + ", dft_length " + length + " and sample_rate " + rate + " must be"
                    + " positive, with at most " + MAX_WEIGHTS + " weights");
            return null;
        }
        double lowest = Math.floor((length + 1) * lower / rate);
        double highest = Math.floor((length + 1) * upper / rate);
        if (lowest < 0 || lowest >= bins || highest < 0 || highest >= bins) {
            node.problem("lower_edge_hertz " + lower + " and upper_edge_hertz " + upper + " must fall within the "
                    + bins + " bins of dft_length " + length + " at sample_rate " + rate);
            return null;
        }
        int points = (int) mels + 2;
        long[] at = new long[points];
        double low = toMel(lower);
        double step = (toMel(upper) - low) / (float) points;
        for (int i = 0; i < points; i++) {
            double hz = 700 * (Math.pow(10, (low + step * i) / 2595) - 1);
            at[i] = (long) Math.floor((length + 1) * hz / rate);
            if (at[i] < 0 || at[i] >= bins) {
                node.problem("mel point " + i + " (" + hz + " Hz) falls outside the " + bins + " bins");
                return null;
            }
        }
        float[] w = new float[(int) (bins * mels)];
        for (int m = 0; m < mels; m++) {
            long left = at[m];
            long centre = at[m + 1];
            long right = at[m + 2];
            if (centre == left) {
                w[(int) (centre * mels + m)] = 1f;
            } else {
                for (long j = left; j <= centre; j++) {
                    w[(int) (j * mels + m)] = (j - left) / (float) (centre - left);
                }
            }
            for (long j = centre; j < right; j++) {
                w[(int) (j * mels + m)] = (right - j) / (float) (right - centre);
            }
        }
        return w;
    }

    private static double toMel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }
}
