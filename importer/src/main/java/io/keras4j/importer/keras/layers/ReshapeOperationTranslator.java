package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Reshape;
import java.util.Arrays;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.reshape(x, newshape)} that keeps the batch axis: {@code newshape} starts with -1 (the batch)
 * and its other dimensions hold exactly one sample's values, whose count must be known at import.
 */
final class ReshapeOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        int[] newShape = GeneralConfig.intList(config, false, "newshape");
        if (x == null || newShape == null) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        int[] target = Arrays.copyOfRange(newShape, Math.min(1, newShape.length), newShape.length);
        long sample = 1;
        for (int i = 1; i < shape.length; i++) {
            sample = shape[i] < 0 ? -1 : sample * shape[i];
        }
        long wanted = 1;
        for (int d : target) {
            wanted = d <= 0 ? -1 : wanted * d;
        }
        if (newShape.length == 0 || newShape[0] != -1 || sample < 0 || wanted != sample) {
            config.problem("option newshape=" + Arrays.toString(newShape) + " is not supported for an input of "
                    + GeneralConfig.shapeText(shape) + " (keras4j keeps the batch axis: newshape must be -1 followed by"
                    + " positive dimensions that hold one sample's values, known at import)");
            return List.of(t.unavailable());
        }
        return GeneralConfig.dropMask(t, new Reshape("Reshape", target), x);
    }
}
