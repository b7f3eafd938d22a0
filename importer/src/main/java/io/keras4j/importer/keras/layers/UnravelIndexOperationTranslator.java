package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.unravel_index(indices, shape)} as Keras' TensorFlow backend computes it: one tensor of
 * coordinates per axis of {@code shape}, each a floor division and a floor modulo of the integer indices. For indices of
 * rank 1 (one per sample) numpy's coordinates, {@code (i // (d1·d2...)) % d0, ..., i % dn}; for higher ranks Keras 3.15.1
 * divides by the axes in the other order, so that coordinate k (counted from the last) is
 * {@code (i // (d0·...·d(k-1))) % dk}, and keras4j gives that.
 */
final class UnravelIndexOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor indices = OperationArguments.single(config, t);
        int[] shape = GeneralConfig.intList(config, false, "shape");
        if (indices == null || shape == null) {
            return List.of(t.unavailable());
        }
        long size = 1;
        for (int d : shape) {
            size *= Math.max(d, 1);
            if (d < 1 || size > 1 << 24) {
                config.problem("option shape=" + config.raw("shape") + " is not supported (positive sizes whose product"
                        + " is at most 2^24)");
                return List.of(t.unavailable());
            }
        }
        boolean numpyOrder = t.shape(indices.value()).length == 1;
        List<KTensor> coordinates = new ArrayList<>();
        float divisor = 1;
        for (int k = 0; k < shape.length; k++) {
            int axis = numpyOrder ? shape.length - 1 - k : k;
            String quotient = GeneralConfig.elementwise(t, Elementwise.Kind.FLOOR_DIV, indices.value(),
                    GeneralConfig.scalar(t, divisor));
            coordinates.add(new KTensor(GeneralConfig.elementwise(t, Elementwise.Kind.FLOOR_MOD, quotient,
                    GeneralConfig.scalar(t, shape[axis])), null));
            divisor *= shape[axis];
        }
        Collections.reverse(coordinates);
        return coordinates;
    }
}
