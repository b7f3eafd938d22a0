package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.diff(a, n, axis)}: {@code a[1:] - a[:-1]} along one {@code axis} (not the batch axis),
 * {@code n} times, as numpy and Keras' TensorFlow backend compute it.
 */
final class DiffOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        double n = config.number(1, "n");
        int axis = OperationArguments.axis(config, t, x, "it takes differences of the flattened input, batch included");
        if (n < 0 || n != Math.rint(n) || n > 64) {
            config.problem("option n=" + config.raw("n") + " is not supported (an integer from 0 to 64)");
            return List.of(t.unavailable());
        }
        if (axis < 0) {
            return List.of(t.unavailable());
        }
        String v = x.value();
        for (int k = 0; k < n; k++) {
            String later = OperationArguments.slice(t, v, List.of(new float[] {1, OperationArguments.END, axis, 1}));
            String earlier = OperationArguments.slice(t, v, List.of(new float[] {0, -1, axis, 1}));
            v = t.emit(new Elementwise(Elementwise.Kind.SUB), List.of(later, earlier)).get(0);
        }
        return List.of(new KTensor(v, null));
    }
}
