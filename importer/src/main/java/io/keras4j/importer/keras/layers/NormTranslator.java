package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.norm(x, ord, axis, keepdims)} as Keras' TensorFlow backend computes it: {@code ord} None (the
 * 2-norm of a vector, the Frobenius norm of a matrix: both the square root of the sum of squares), 2 over one axis or
 * "fro" over two (the same), or over one axis 1 (the sum of absolute values), inf and -inf (the largest and smallest
 * absolute value), 0 (the count of nonzero values, NaN included) or another number p ({@code sum(|x|^p)^(1/p)}, 1/p
 * in float32); {@code axis} an int or a list, not None and not the batch axis.
 */
final class NormTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        JsonNode ord = config.raw("ord");
        boolean keepDims = config.bool(false, "keepdims");
        long[] axes = OperationArguments.axes(config, t, x, "it takes the norm over the batch axis too");
        if (axes == null) {
            return List.of(t.unavailable());
        }
        boolean none = ord == null || ord.isNull();
        double p = none ? 2 : ord.isNumber() ? ord.asDouble() : ord.asText().equals("Infinity")
                ? Double.POSITIVE_INFINITY : ord.asText().equals("-Infinity") ? Double.NEGATIVE_INFINITY : Double.NaN;
        boolean l2 = none || p == 2 && axes.length == 1 || "fro".equals(ord.asText()) && axes.length == 2;
        if (!l2 && (axes.length != 1 || Double.isNaN(p))) {
            config.problem("option ord=" + ord + " is not supported (None; a number, inf or -inf over one axis; 'fro'"
                    + " over two)");
            return List.of(t.unavailable());
        }
        if (l2 || p == 1) {
            return GeneralConfig.dropMask(t, new Reduce(l2 ? Reduce.Kind.L2 : Reduce.Kind.L1, axes, keepDims), x);
        }
        String in = x.value();
        String zero = GeneralConfig.constant(t, new float[] {0f}, new int[0]);
        String abs = GeneralConfig.emit(t, new ActivationOp(Activation.of(Activation.Kind.ABS)), in);
        String y;
        if (Double.isInfinite(p)) {
            y = GeneralConfig.emit(t, new Reduce(p > 0 ? Reduce.Kind.MAX : Reduce.Kind.MIN, axes, keepDims), abs);
        } else if (p == 0) {
            y = GeneralConfig.emit(t, new Reduce(Reduce.Kind.SUM, axes, keepDims),
                    GeneralConfig.elementwise(t, Elementwise.Kind.NOT_EQUAL, in, zero));
        } else {
            String sum = GeneralConfig.emit(t, new Reduce(Reduce.Kind.SUM, axes, keepDims), GeneralConfig.elementwise(t,
                    Elementwise.Kind.POW, abs, GeneralConfig.constant(t, new float[] {(float) p}, new int[0])));
            y = GeneralConfig.elementwise(t, Elementwise.Kind.POW, sum,
                    GeneralConfig.constant(t, new float[] {1f / (float) p}, new int[0]));
        }
        return List.of(new KTensor(y, null));
    }
}
