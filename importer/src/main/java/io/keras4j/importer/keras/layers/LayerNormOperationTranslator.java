package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.LayerNormalization;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.Arrays;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.layer_normalization(x, gamma, beta, axis, epsilon)} in Keras' float32 steps (those of the
 * LayerNormalization layer) over {@code axis} (an int or a list, not None nor the batch axis, of sizes known at import);
 * epsilon None is Keras' default, 1e-7. {@code gamma} and {@code beta} are None, constant arrays holding one value per
 * position of the normalized axes, or tensors of x's rank (broadcast against it, as Keras does; then computed in Keras'
 * steps from primitive ops, see {@link #byTensors}). The deprecated {@code rms_scaling} scales by the variance and, as in
 * Keras, leaves beta out.
 */
final class LayerNormOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        OperationArguments.Normalized n = OperationArguments.Normalized.of(config, t, 3, "a tensor, gamma and beta");
        boolean rms = config.bool(false, "rms_scaling");
        if (n == null) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(n.x().value());
        JsonNode raw = config.raw("axis");
        JsonNode named = raw != null && raw.isArray() && raw.size() == 1 ? raw.get(0) : raw;
        boolean lastNamed = named != null && named.isInt() && named.intValue() == shape.length - 1;
        JsonNode args = t.positionalArguments();
        if (OperationArguments.isTensor(args.get(1)) || !rms && OperationArguments.isTensor(args.get(2))) {
            return byTensors(config, t, n, rms, shape, lastNamed);
        }
        float[] gamma = weights(config, t, 1, "gamma", shape, n, lastNamed);
        float[] beta = rms ? null : weights(config, t, 2, "beta", shape, n, lastNamed);
        if (config.hasProblems()) {
            return List.of(t.unavailable());
        }
        return GeneralConfig.dropMask(t, new LayerNormalization(shape.length, n.axes(), n.sizes(), n.epsilon(), gamma, beta,
                rms ? LayerNormalization.Form.KERAS_RMS_SCALING : LayerNormalization.Form.KERAS), n.x());
    }

    /**
     * The normalization with a tensor gamma or beta, in Keras' float32 steps: the moments over the axes, {@code inv =
     * rsqrt(variance + epsilon) · gamma}, {@code x · inv + (-mean · inv + beta)}; with rms_scaling
     * {@code x · rsqrt(variance + epsilon) · gamma}. Unavailable after a problem.
     */
    private static List<KTensor> byTensors(LayerConfig config, Translation t, OperationArguments.Normalized n, boolean rms,
            int[] shape, boolean lastNamed) {
        String gamma = operand(config, t, 1, "gamma", shape, n, lastNamed);
        String beta = rms ? null : operand(config, t, 2, "beta", shape, n, lastNamed);
        if (config.hasProblems()) {
            return List.of(t.unavailable());
        }
        String x = n.x().value();
        String[] moments = VarianceOperationTranslator.moments(t, x, Arrays.stream(n.axes()).asLongStream().toArray(),
                true);
        String epsilon = GeneralConfig.constant(t, new float[] {(float) n.epsilon()}, new int[0]);
        String inv = GeneralConfig.emit(t, new ActivationOp(Activation.of(Activation.Kind.RSQRT)),
                GeneralConfig.elementwise(t, Elementwise.Kind.ADD, moments[1], epsilon));
        String y;
        if (rms) {
            y = GeneralConfig.elementwise(t, Elementwise.Kind.MUL, x, inv);
            y = gamma == null ? y : GeneralConfig.elementwise(t, Elementwise.Kind.MUL, y, gamma);
        } else {
            inv = gamma == null ? inv : GeneralConfig.elementwise(t, Elementwise.Kind.MUL, inv, gamma);
            String res = GeneralConfig.elementwise(t, Elementwise.Kind.MUL,
                    GeneralConfig.emit(t, new ActivationOp(Activation.NEGATIVE), moments[0]), inv);
            res = beta == null ? res : GeneralConfig.elementwise(t, Elementwise.Kind.ADD, res, beta);
            y = GeneralConfig.elementwise(t, Elementwise.Kind.ADD, GeneralConfig.elementwise(t, Elementwise.Kind.MUL, x,
                    inv), res);
        }
        return List.of(new KTensor(y, null));
    }

    /**
     * Argument {@code gamma} or {@code beta} at {@code position} as a graph value: a tensor of x's rank, or a constant
     * array (see {@link #weights}) shaped to broadcast over the normalized axes; null where it is None or after a problem.
     */
    private static String operand(LayerConfig config, Translation t, int position, String name, int[] shape,
            OperationArguments.Normalized n, boolean lastNamed) {
        if (OperationArguments.isTensor(t.positionalArguments().get(position))) {
            return OperationArguments.positional(config, t, position, shape.length);
        }
        float[] values = weights(config, t, position, name, shape, n, lastNamed);
        if (values == null) {
            return null;
        }
        int[] broadcast = new int[shape.length];
        Arrays.fill(broadcast, 1);
        for (int i = 0; i < n.axes().length; i++) {
            broadcast[n.axes()[i]] = n.sizes()[i];
        }
        return GeneralConfig.constant(t, values, broadcast);
    }

    /**
     * Argument {@code gamma} or {@code beta} at {@code position} as the runtime op takes it (row-major over the normalized
     * axes), or null where it is None or after a problem. Keras reshapes it to the normalized axes unless it has x's rank
     * or the axis is the last one named as such ({@code lastNamed}: {@code axis=2} of a rank-3 x); then it broadcasts it
     * against x, where keras4j takes it when it varies along the normalized axes only.
     */
    private static float[] weights(LayerConfig config, Translation t, int position, String name, int[] shape,
            OperationArguments.Normalized n, boolean lastNamed) {
        JsonNode a = t.positionalArguments().get(position);
        if (a.isNull()) {
            return null;
        }
        OperationArguments.Array c = OperationArguments.array(a, false);
        boolean fits = c != null && c.values().length == Arrays.stream(n.sizes()).reduce(1, Math::multiplyExact);
        if (fits && (c.shape().length == shape.length || lastNamed)) {
            for (int i = 0; i < c.shape().length && fits; i++) {
                int axis = shape.length - c.shape().length + i;
                fits = axis >= 0 && c.shape()[i] == (Arrays.binarySearch(n.axes(), axis) >= 0 ? shape[axis] : 1);
            }
        }
        if (!fits) {
            config.problem("argument " + name + " " + OperationArguments.quote(a) + " is not supported (None, a tensor"
                    + " of x's rank, or a numpy array or constant tensor of one value per position of the normalized axes "
                    + GeneralConfig.shapeText(n.sizes()) + ")");
            return null;
        }
        return c.values();
    }
}
