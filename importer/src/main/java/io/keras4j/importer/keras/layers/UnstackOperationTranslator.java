package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Gather;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.unstack(x, num, axis)}: one tensor per position of {@code axis} (not the batch axis, its length
 * known at import), that axis dropped, each a Gather at its index; {@code num} None or that length.
 */
final class UnstackOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        int axis = OperationArguments.axis(config, t, x, "it unstacks the batch axis");
        int length = axis < 0 ? -1 : t.shape(x.value())[axis];
        int num = (int) config.number(length, "num");
        if (axis >= 0 && (length <= 0 || num != length)) {
            config.problem("option num=" + config.raw("num") + " is not supported for axis " + axis + " of "
                    + GeneralConfig.shapeText(t.shape(x.value())) + " (None or the axis's length, known at import)");
        }
        if (config.hasProblems()) {
            return List.of(t.unavailable());
        }
        List<KTensor> pieces = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            String index = GeneralConfig.constant(t, new float[] {i}, new int[0]);
            pieces.add(new KTensor(t.emit(new Gather(axis), List.of(x.value(), index)).get(0), null));
        }
        return pieces;
    }
}
