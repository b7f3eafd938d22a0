package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.importer.keras.LayerSpec;
import io.keras4j.importer.keras.Weight;
import io.keras4j.runtime.ops.primitive.Cast;
import java.util.List;

/**
 * Keras 3 SpectralNormalization: at inference the wrapped layer as it is (training normalizes its kernel in place, so the
 * file holds the normalized kernel), with the wrapped layer's weights; the power iteration's {@code vector_u} and
 * {@code power_iterations} take no part. The output is cast to the input's type, as Keras casts it (an Embedding's
 * vectors on int32 ids become integers, toward zero). Drops the mask, as the wrapper does not support masking.
 */
final class SpectralNormalizationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        config.ignore("power_iterations");
        LayerSpec inner = GeneralConfig.wrapped(config);
        if (inner == null) {
            return List.of(t.unavailable());
        }
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        List<KTensor> out = t.translateInner(inner, List.of(new KTensor(x.value(), null)), List.of(), wrappedWeights(t));
        // Keras casts the wrapped layer's output to the input's type
        JsonNode args = t.positionalArguments();
        String dtype = args.isArray() && args.size() > 0 ? args.get(0).path("config").path("dtype").asText("float32")
                : "float32";
        Cast cast = CastOperationTranslator.toBoolOrInteger(dtype);
        if (cast != null) {
            return GeneralConfig.dropMask(t, cast, out.get(0));
        }
        return List.of(new KTensor(out.get(0).value(), null));
    }

    /**
     * The wrapped layer's weights. A {@code .keras} archive keeps them under the wrapper's {@code layer/} group (the
     * wrapper's own vars, directly under it, are the kernel again and vector_u); an {@code .h5} file names them, vector_u
     * among them.
     */
    private static List<Weight> wrappedWeights(Translation t) {
        String own = null; // the wrapper's group: the one its shallowest vars sit in
        for (Weight w : t.weights()) {
            int vars = w.path().lastIndexOf("/vars/");
            if (vars >= 0 && (own == null || vars < own.length())) {
                own = w.path().substring(0, vars);
            }
        }
        String inner = own + "/layer/";
        List<Weight> weights = own == null ? List.of()
                : t.weights().stream().filter(w -> w.path().startsWith(inner)).toList();
        return !weights.isEmpty() ? weights
                : t.weights().stream().filter(w -> !w.path().matches(".*vector_u(:0)?")).toList();
    }
}
