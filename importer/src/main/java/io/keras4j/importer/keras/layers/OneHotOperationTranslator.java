package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.OneHot;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.one_hot(x, num_classes, axis)} of integer ids: 1 at the id's position, 0 elsewhere, all 0 for
 * an id outside {@code [0, num_classes)} (TensorFlow's one_hot); {@code axis} not the batch axis, {@code dtype} float32
 * or float64, not sparse. {@code keras.ops.multi_hot(x, num_classes)} as Keras' TensorFlow backend computes it: that
 * one-hot along a last axis, then its max over axis 1, so an id matrix {@code (batch, ids)} gives {@code (batch,
 * num_classes)} (a larger x loses its axis 1, the first after the batch, as in Keras); a vector x (its ids along the
 * batch axis) and another axis refused.
 */
final class OneHotOperationTranslator implements LayerTranslator {
    private final boolean multi;

    OneHotOperationTranslator(boolean multi) {
        this.multi = multi;
    }

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
        int rank = t.shape(x.value()).length;
        int axis = GeneralConfig.axis(config, "axis", raw[0], rank + 1, false);
        if (multi && axis >= 0 && (rank < 2 || axis != rank)) {
            config.problem("option axis=" + config.raw("axis") + " is not supported for an input of rank " + rank
                    + " (-1, on ids of rank 2 or more: Keras' TensorFlow backend takes the max over axis 1)");
            return List.of(t.unavailable());
        }
        if (axis < 0) {
            return List.of(t.unavailable());
        }
        String y = GeneralConfig.emit(t, new OneHot(classes, axis, false, 0f, 1f), x.value());
        return List.of(new KTensor(multi ? GeneralConfig.emit(t, new Reduce(Reduce.Kind.MAX, new long[] {1}, false), y)
                : y, null));
    }
}
