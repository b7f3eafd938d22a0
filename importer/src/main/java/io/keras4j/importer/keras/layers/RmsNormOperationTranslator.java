package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.LayerNormalization;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.rms_normalization(x, scale, axis, epsilon)} as Keras computes it: {@code x · rsqrt(mean(x²) +
 * epsilon)} over {@code axis} (an int or a list, not None nor the batch axis, of sizes known at import), times
 * {@code scale} where given (a tensor, a number or a constant array, broadcast as Keras broadcasts it); epsilon None is
 * Keras' default, 1e-7.
 */
final class RmsNormOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        OperationArguments.Normalized n = OperationArguments.Normalized.of(config, t, 1, "a tensor");
        String scale = n == null ? null : OperationArguments.keyword(config, t, "scale", n.rank(t));
        if (n == null || config.hasProblems()) {
            return List.of(t.unavailable());
        }
        LayerNormalization norm = new LayerNormalization(n.rank(t), n.axes(), n.sizes(), n.epsilon(), null, null,
                LayerNormalization.Form.RMS);
        String y = t.emit(norm, List.of(n.x().value())).get(0);
        return List.of(new KTensor(scale == null ? y
                : t.emit(new Elementwise(Elementwise.Kind.MUL), List.of(y, scale)).get(0), null));
    }
}
