package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Trilu;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.tril(x, k)} and {@code triu(x, k)}: the lower or upper triangle of each matrix in the last two
 * axes, from diagonal {@code k} (0 the main one, positive above it); the rest zero. The input has rank 3 or more, so the
 * batch axis is never one of the matrix axes.
 */
final class TriangleOperationTranslator implements LayerTranslator {
    private final boolean upper;

    TriangleOperationTranslator(boolean upper) {
        this.upper = upper;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        double k = config.number(0, "k");
        if (x == null) {
            return List.of(t.unavailable());
        }
        if (k != Math.rint(k) || Math.abs(k) > Integer.MAX_VALUE) {
            config.problem("option k=" + config.raw("k") + " is not supported (an integer)");
            return List.of(t.unavailable());
        }
        if (t.shape(x.value()).length < 3) {
            config.problem("takes an input of rank " + t.shape(x.value()).length + "; keras4j needs rank 3 or more (the"
                    + " batch axis and the matrices' two)");
            return List.of(t.unavailable());
        }
        return GeneralConfig.dropMask(t, new Trilu(upper, (int) k), x);
    }
}
