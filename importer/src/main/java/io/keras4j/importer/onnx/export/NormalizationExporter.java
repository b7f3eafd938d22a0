package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;
import java.util.List;

/**
 * Keras BatchNormalization at inference ({@code x·scale + shift} per channel) and LayerNormalization in Keras' float32
 * steps ({@code inv = gamma / sqrt(variance + epsilon)}, {@code y = x·inv + (beta - mean·inv)}; the RMS forms
 * {@code x·inv}; the ONNX form {@code (x - mean)·inv + beta}, which the Keras form is over axes holding one value, as
 * the runtime op computes it) over any of its axes, and GroupNormalization (the channel axis split into
 * {@code [groups, channels / groups]} by a Reshape, then Keras' form over all axes but the batch and the group), as ONNX
 * Reduce and arithmetic nodes.
 */
final class NormalizationExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        String x = node.inputs().get(0);
        String out = node.outputs().get(0);
        int rank = s.intAttr("rank");
        if (s.type().equals("BatchNormalization")) {
            int axis = s.intAttr("axis");
            float[] scale = s.weight("scale");
            int[] dims = broadcast(rank, new int[] {axis}, new int[] {scale.length});
            String scaled = w.binary("Mul", x, w.constant(node.name() + "/scale", scale, dims));
            w.add("Add", List.of(scaled, w.constant(node.name() + "/shift", s.weight("shift"), dims)), List.of(out));
            return;
        }
        if (s.type().equals("GroupNormalization")) {
            group(node, w, s);
            return;
        }
        String form = s.stringAttr("form");
        boolean rms = form.equals("RMS") || form.equals("KERAS_RMS_SCALING");
        if (!rms && !form.equals("KERAS") && !form.equals("ONNX")) {
            w.problem(node, "normalization form " + form + " (ONNX Runtime's own kernels) is not written by the ONNX exporter");
            return;
        }
        int[] axes = s.intsAttr("axes");
        int[] dims = broadcast(rank, axes, s.intsAttr("sizes"));
        String mean = form.equals("RMS") ? null : reduceMean(w, x, axes);
        String centred = mean == null ? x : w.binary("Sub", x, mean);
        String variance = reduceMean(w, w.binary("Mul", centred, centred), axes);
        String inv = w.unary("Reciprocal", w.unary("Sqrt", w.binary("Add", variance, w.scalar((float) s.doubleAttr("epsilon")))));
        float[] gamma = s.weight("gamma");
        float[] beta = s.weight("beta");
        String gammaName = gamma == null ? null : w.constant(node.name() + "/gamma", gamma, dims);
        String betaName = beta == null ? null : w.constant(node.name() + "/beta", beta, dims);
        if (form.equals("KERAS") && Arrays.stream(s.intsAttr("sizes")).reduce(1, Math::multiplyExact) > 1) {
            w.add("Add", kerasForm(w, x, mean, inv, gammaName, betaName), List.of(out));
            return;
        }
        String y = w.binary("Mul", rms ? x : centred, inv);
        if (gammaName != null) {
            y = w.binary("Mul", y, gammaName);
        }
        if (betaName == null) {
            w.add("Identity", List.of(y), List.of(out));
        } else {
            w.add("Add", List.of(y, betaName), List.of(out));
        }
    }

    /**
     * GroupNormalization: x {@code [batch, ..., channels, inner...]} as {@code [batch, ..., groups, channels / groups,
     * inner...]}, Keras' form over every axis but the batch and the group, reshaped back.
     */
    private static void group(Node node, OnnxWriter w, OpSpec s) {
        String x = node.inputs().get(0);
        int rank = s.intAttr("rank");
        int axis = s.intAttr("axis");
        int groups = s.intAttr("groups");
        int per = s.intAttr("channels") / groups;
        String grouped = w.binary("Reshape", x, w.apply("Concat", List.of(w.unary("Shape", x, attr("end", axis)),
                w.longs(groups, per), w.unary("Shape", x, attr("start", axis + 1))), attr("axis", 0)));
        int[] axes = java.util.stream.IntStream.rangeClosed(1, rank).filter(a -> a != axis).toArray();
        String mean = reduceMean(w, grouped, axes);
        String centred = w.binary("Sub", grouped, mean);
        String variance = reduceMean(w, w.binary("Mul", centred, centred), axes);
        String inv = w.unary("Reciprocal", w.unary("Sqrt", w.binary("Add", variance, w.scalar((float) s.doubleAttr("epsilon")))));
        int[] dims = new int[rank + 1 - axis];
        Arrays.fill(dims, 1);
        dims[0] = groups;
        dims[1] = per;
        float[] gamma = s.weight("gamma");
        float[] beta = s.weight("beta");
        String gammaName = gamma == null ? null : w.constant(node.name() + "/gamma", gamma, dims);
        String betaName = beta == null ? null : w.constant(node.name() + "/beta", beta, dims);
        String y;
        if (rank == 2 && per == 1) {
            // one value per group: Keras' TensorFlow graph folds its form into (x - mean)·inv', which gives beta
            y = w.binary("Mul", centred, gammaName == null ? inv : w.binary("Mul", inv, gammaName));
            y = betaName == null ? y : w.binary("Add", y, betaName);
        } else {
            y = w.apply("Add", kerasForm(w, grouped, mean, inv, gammaName, betaName));
        }
        w.add("Reshape", List.of(y, w.unary("Shape", x)), List.of(node.outputs().get(0)));
    }

    /** The two terms of Keras' form {@code x·inv' + (beta - mean·inv')}, {@code inv' = inv·gamma} (gamma, beta optional). */
    private static List<String> kerasForm(OnnxWriter w, String x, String mean, String inv, String gamma, String beta) {
        String scaled = gamma == null ? inv : w.binary("Mul", inv, gamma);
        String shift = w.unary("Neg", w.binary("Mul", mean, scaled));
        return List.of(w.binary("Mul", x, scaled), beta == null ? shift : w.binary("Add", shift, beta));
    }

    private static String reduceMean(OnnxWriter w, String x, int[] axes) {
        return w.unary("ReduceMean", x, OnnxWriter.ints("axes", axes), attr("keepdims", 1));
    }

    /** The dims of weights over {@code axes} (of those {@code sizes}) that broadcast against a value of rank {@code rank}. */
    private static int[] broadcast(int rank, int[] axes, int[] sizes) {
        int[] dims = new int[rank - axes[0]];
        Arrays.fill(dims, 1);
        for (int i = 0; i < axes.length; i++) {
            dims[axes[i] - axes[0]] = sizes[i];
        }
        return dims;
    }
}
