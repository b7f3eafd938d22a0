package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Concat;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.roll(x, shift, axis)}: entries moved {@code shift} places along each {@code axis} (ints or
 * lists of one length, not the batch axis; None, which rolls the flattened input, refused), wrapping around; each axis's
 * length must be known at import. Computed as two Slices joined the other way round.
 */
final class RollOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        int[] shifts = GeneralConfig.intList(config, false, "shift");
        long[] axes = OperationArguments.axes(config, t, x, "it rolls the flattened input, batch included");
        int[] raw = GeneralConfig.intList(config, true, "axis");
        if (shifts == null || axes == null || raw == null) {
            return List.of(t.unavailable());
        }
        if (shifts.length != raw.length && shifts.length != 1) {
            config.problem("options shift=" + config.raw("shift") + " and axis=" + config.raw("axis") + " differ in length");
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        String v = x.value();
        for (int i = 0; i < raw.length; i++) {
            int axis = raw[i] < 0 ? raw[i] + shape.length : raw[i];
            int n = shape[axis];
            if (n < 0) {
                config.problem("rolls axis " + axis + " of " + GeneralConfig.shapeText(shape) + ", whose length is unknown"
                        + " at import");
                return List.of(t.unavailable());
            }
            int s = n == 0 ? 0 : Math.floorMod(shifts[shifts.length == 1 ? 0 : i], n);
            if (s != 0) {
                String tail = OperationArguments.slice(t, v, List.of(new float[] {n - s, n, axis, 1}));
                String head = OperationArguments.slice(t, v, List.of(new float[] {0, n - s, axis, 1}));
                v = t.emit(new Concat(axis), List.of(tail, head)).get(0);
            }
        }
        return List.of(new KTensor(v, null));
    }
}
