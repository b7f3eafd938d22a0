package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.norm(x, ord, axis, keepdims)}: {@code ord} None (the 2-norm of a vector, the Frobenius norm of
 * a matrix: both the square root of the sum of squares), 2 over one axis or "fro" over two (the same), or 1 over one
 * axis (the sum of absolute values); {@code axis} an int or a list, not None and not the batch axis.
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
        boolean l1 = ord != null && ord.isNumber() && ord.asDouble() == 1 && axes.length == 1;
        boolean l2 = ord == null || ord.isNull() || ord.isNumber() && ord.asDouble() == 2 && axes.length == 1
                || "fro".equals(ord.asText()) && axes.length == 2;
        if (!l1 && !l2) {
            config.problem("option ord=" + ord + " is not supported (None; 1 or 2 over one axis; 'fro' over two)");
            return List.of(t.unavailable());
        }
        return GeneralConfig.dropMask(t, new Reduce(l1 ? Reduce.Kind.L1 : Reduce.Kind.L2, axes, keepDims), x);
    }
}
