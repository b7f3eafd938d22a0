package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.PRelu;
import java.util.Arrays;
import java.util.List;

/** Keras PReLU: learned alpha with the sample's shape, size 1 on shared_axes. Passes the mask through. */
final class PReluTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int[] shared = GeneralConfig.intList(config, true, "shared_axes");
        config.ignore("alpha_initializer", "alpha_regularizer", "alpha_constraint", "init");
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        if (shape.length < 2) {
            config.problem("expects input with a batch axis and at least one more, got " + GeneralConfig.shapeText(shape));
            return List.of(t.unavailable());
        }
        int[] alphaShape = Arrays.copyOfRange(shape, 1, shape.length);
        if (shared != null) {
            for (int a : shared) {
                if (a < 1 || a >= shape.length) {
                    config.problem("option shared_axes=" + Arrays.toString(shared) + " must name axes 1.." + (shape.length - 1));
                    return List.of(t.unavailable());
                }
                alphaShape[a - 1] = 1;
            }
        }
        for (int d : alphaShape) {
            if (d <= 0) {
                config.problem("input shape " + GeneralConfig.shapeText(shape) + " leaves alpha without a known shape "
                        + "(unknown dimensions must be in shared_axes)");
                return List.of(t.unavailable());
            }
        }
        if (!LayerWeights.count(config, t.weights(), 1, "alpha")) {
            return List.of(t.unavailable());
        }
        float[] alpha = LayerWeights.take(config, t.weights(), 0, "alpha", Arrays.stream(alphaShape).asLongStream().toArray());
        if (alpha == null) {
            return List.of(t.unavailable());
        }
        return GeneralConfig.passMask(t, new PRelu(alphaShape, alpha), x);
    }
}
