package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Bucketize;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.digitize(x, bins)} as Keras' TensorFlow backend computes it, TensorFlow's Bucketize: each
 * value's count of bins at or below it (NaN: all of them). {@code bins} a numpy array or constant tensor of one axis,
 * ascending (TensorFlow's search assumes it; numpy's descending bins are refused).
 */
final class DigitizeOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.first(config, t, 2, "a tensor and constant bins");
        if (x == null) {
            return List.of(t.unavailable());
        }
        JsonNode arg = t.positionalArguments().get(1);
        OperationArguments.Array bins = OperationArguments.array(arg, false);
        if (bins == null || bins.shape().length != 1 || !ascending(bins.values())) {
            config.problem("bins " + OperationArguments.quote(arg) + " are not supported (a numpy array or constant"
                    + " tensor of one axis, ascending)");
            return List.of(t.unavailable());
        }
        return GeneralConfig.dropMask(t, new Bucketize(bins.values()), x);
    }

    private static boolean ascending(float[] v) {
        for (int i = 1; i < v.length; i++) {
            if (!(v[i - 1] <= v[i])) {
                return false;
            }
        }
        return true;
    }
}
