package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Expand;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.broadcast_to(x, shape)}: {@code shape} of x's rank (more axes would move the batch axis), each
 * of x's other axes of that size or 1 (repeated to it); the batch axis is taken whole, as Keras computes it where the
 * batch size is {@code shape[0]}.
 */
final class BroadcastToOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        int[] shape = GeneralConfig.intList(config, false, "shape");
        if (x == null || shape == null) {
            return List.of(t.unavailable());
        }
        int[] in = t.shape(x.value());
        boolean valid = shape.length == in.length;
        float[] target = new float[in.length];
        target[0] = 1;
        for (int d = 1; valid && d < in.length; d++) {
            valid = shape[d] >= 0 && (in[d] == shape[d] || in[d] == 1 || in[d] < 0);
            target[d] = shape[d];
        }
        if (!valid) {
            config.problem("option shape=" + config.raw("shape") + " is not supported for an input of "
                    + GeneralConfig.shapeText(in) + " (the input's rank; each axis but the batch its size, or any for"
                    + " one of size 1)");
            return List.of(t.unavailable());
        }
        String s = GeneralConfig.constant(t, target, new int[] {in.length});
        return List.of(new KTensor(t.emit(new Expand(), List.of(x.value(), s)).get(0), null));
    }
}
