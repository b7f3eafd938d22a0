package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.OneHot;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.one_hot(x, num_classes, axis)} of integer ids: 1 at the id's position, 0 elsewhere, all 0 for
 * an id outside {@code [0, num_classes)} (TensorFlow's one_hot); {@code axis} not the batch axis, {@code dtype} float32
 * or float64, not sparse.
 */
final class OneHotOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        int classes = config.positiveInt("num_classes");
        config.require("sparse", false, "keras4j computes dense tensors");
        String dtype = config.string("float32", "dtype");
        int[] raw = GeneralConfig.intList(config, false, "axis");
        if (x == null || raw == null || raw.length != 1 || !LayerConfig.FLOAT_DTYPES.contains(dtype)) {
            config.problem("options axis=" + config.raw("axis") + " and dtype=" + dtype + " are not supported (one axis;"
                    + " float32 or float64)");
            return List.of(t.unavailable());
        }
        int axis = GeneralConfig.axis(config, "axis", raw[0], t.shape(x.value()).length + 1, false);
        return axis < 0 ? List.of(t.unavailable()) : GeneralConfig.dropMask(t, new OneHot(classes, axis, false, 0f, 1f), x);
    }
}
