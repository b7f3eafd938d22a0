package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Keras Normalization (preprocessing): {@code (x − mean) / max(sqrt(variance), 1e-7)}, or with {@code invert}
 * {@code mean + x·max(sqrt(variance), 1e-7)}, with one mean and variance per position of the kept axes ({@code axis},
 * default -1; none for null): the adapted weights, or the config's {@code mean} and {@code variance} (a scalar, or an
 * array aligned to the kept axes from the right, sizes 1 broadcast). Passes the mask.
 */
final class NormalizationTranslator implements LayerTranslator {
    private static final float EPSILON = 1e-7f;

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        boolean invert = config.bool(false, "invert");
        JsonNode given = config.raw("mean");
        config.readLater("variance");
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        int[] keep = keptAxes(config, shape);
        if (keep == null) {
            return List.of(t.unavailable());
        }
        int[] broadcast = new int[shape.length];
        Arrays.fill(broadcast, 1);
        long[] kept = new long[keep.length];
        for (int i = 0; i < keep.length; i++) {
            broadcast[keep[i]] = shape[keep[i]];
            kept[i] = shape[keep[i]];
        }
        float[] mean;
        float[] variance;
        if (given != null && !given.isNull()) {
            if (!LayerWeights.count(config, t.weights(), 0, "none: the config holds mean and variance")) {
                return List.of(t.unavailable());
            }
            mean = configValues(config, "mean", kept);
            variance = configValues(config, "variance", kept);
        } else {
            GeneralConfig.requireNull(config, "variance", "a variance without a mean");
            if (!LayerWeights.count(config, t.weights(), 3, "mean, variance, count")) {
                return List.of(t.unavailable());
            }
            mean = LayerWeights.take(config, t.weights(), 0, "mean", kept);
            variance = LayerWeights.take(config, t.weights(), 1, "variance", kept);
        }
        if (mean == null || variance == null) {
            return List.of(t.unavailable());
        }
        float[] spread = new float[variance.length];
        for (int i = 0; i < spread.length; i++) {
            spread[i] = Math.max((float) Math.sqrt(variance[i]), EPSILON);
        }
        String m = GeneralConfig.constant(t, mean, broadcast);
        String s = GeneralConfig.constant(t, spread, broadcast);
        String y = invert
                ? GeneralConfig.elementwise(t, Elementwise.Kind.ADD, m,
                        GeneralConfig.elementwise(t, Elementwise.Kind.MUL, x.value(), s))
                : GeneralConfig.elementwise(t, Elementwise.Kind.DIV,
                        GeneralConfig.elementwise(t, Elementwise.Kind.SUB, x.value(), m), s);
        return List.of(new KTensor(y, x.mask()));
    }

    /** The kept axes, sorted, each of known size; null after a problem. */
    private static int[] keptAxes(LayerConfig config, int[] shape) {
        JsonNode axisNode = config.raw("axis");
        int[] axes = axisNode == null ? new int[] {-1} : axisNode.isNull() ? new int[0] : GeneralConfig.intList(config, false, "axis");
        if (axes == null) {
            return null;
        }
        TreeSet<Integer> keep = new TreeSet<>();
        for (int raw : axes) {
            int a = GeneralConfig.axis(config, "axis", raw, shape.length, true);
            if (a < 0) {
                return null;
            }
            if (shape[a] < 0) {
                config.problem("option axis=" + axisNode + " keeps axis " + a + ", whose size is unknown in input shape "
                        + GeneralConfig.shapeText(shape));
                return null;
            }
            keep.add(a);
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The most values a mean or variance from the config may spread to (64 MiB of floats). */
    private static final long MAX_VALUES = 1L << 24;

    /**
     * The config's {@code key} (mean or variance) over the kept axes of sizes {@code kept}: a scalar everywhere, or an
     * array aligned to them from the right, its sizes equal or 1; null after a problem (also where that would hold more
     * than {@link #MAX_VALUES} values).
     */
    private static float[] configValues(LayerConfig config, String key, long[] kept) {
        JsonNode v = config.raw(key);
        List<Integer> dims = new ArrayList<>();
        for (JsonNode n = v; n != null && n.isArray(); n = n.size() > 0 ? n.get(0) : null) {
            dims.add(n.size());
        }
        List<Float> flat = new ArrayList<>();
        if (v == null || !flatten(v, 0, dims, flat) || dims.size() > kept.length) {
            config.problem("option " + key + "=" + v + " must be a number or an array of at most " + kept.length
                    + " dimensions with one size per dimension");
            return null;
        }
        int offset = kept.length - dims.size();
        for (int i = 0; i < dims.size(); i++) {
            if (dims.get(i) != 1 && dims.get(i) != kept[offset + i]) {
                config.problem("option " + key + " has shape " + dims + ", which does not broadcast to the kept axes' sizes "
                        + Arrays.toString(kept));
                return null;
            }
        }
        long total = Arrays.stream(kept).reduce(1, (a, b) -> a * b > MAX_VALUES ? MAX_VALUES + 1 : a * b);
        if (total > MAX_VALUES) {
            config.problem("option " + key + " spread over the kept axes' sizes " + Arrays.toString(kept) + " would hold more"
                    + " than keras4j's limit of " + MAX_VALUES + " values");
            return null;
        }
        int size = (int) total;
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            int src = 0;
            int rest = i;
            int stride = size;
            for (int d = 0; d < kept.length; d++) {
                stride /= (int) kept[d];
                int index = rest / stride;
                rest %= stride;
                if (d >= offset) {
                    src = src * dims.get(d - offset) + (dims.get(d - offset) == 1 ? 0 : index);
                }
            }
            out[i] = flat.get(src);
        }
        return out;
    }

    /** Appends the numbers of nested arrays of sizes {@code dims} (from {@code depth}) in order; false if ragged. */
    private static boolean flatten(JsonNode v, int depth, List<Integer> dims, List<Float> out) {
        if (depth == dims.size()) {
            if (!v.isNumber()) {
                return false;
            }
            out.add(v.floatValue());
            return true;
        }
        if (!v.isArray() || v.size() != dims.get(depth)) {
            return false;
        }
        for (JsonNode e : v) {
            if (!flatten(e, depth + 1, dims, out)) {
                return false;
            }
        }
        return true;
    }
}
