package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.importer.keras.Weight;
import io.keras4j.runtime.ops.primitive.IndexLookup;
import java.util.Arrays;
import java.util.List;

/**
 * Keras IntegerLookup (preprocessing) with {@code output_mode} int: ids to indices (see {@link IndexLookup}). The
 * vocabulary is the config's, or the adapted one a {@code .keras} archive keeps in its assets; a leading mask token and
 * OOV tokens are dropped from it as Keras drops them. {@code mask_token}, {@code num_oov_indices} (more than one: the
 * {@code floormod} method), {@code oov_token}. Tokens must be exact in float32 (up to 2^24). Drops the mask.
 */
final class IntegerLookupTranslator implements LayerTranslator {

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        config.ignore("max_tokens", "pad_to_max_tokens", "vocabulary_size", "salt");
        String vocabularyType = config.string("int64", "vocabulary_dtype");
        if (!vocabularyType.equals("int64") && !vocabularyType.equals("int32")) {
            config.problem("option vocabulary_dtype='" + vocabularyType + "' is not supported (int64 or int32)");
        }
        String mode = config.string("int", "output_mode");
        if (!mode.equals("int")) {
            config.problem("option output_mode='" + mode + "' is not supported (int only)");
        }
        config.require("invert", false, "index to id");
        config.require("sparse", false, "a sparse output");
        GeneralConfig.requireNull(config, "idf_weights", "tf_idf output only");
        Integer oovIndices = integer(config, "num_oov_indices", 1);
        if (oovIndices == null && config.raw("num_oov_indices").isNull()) {
            config.problem("option num_oov_indices=null is not supported (0 or more)");
        }
        String method = config.string("floormod", "oov_method");
        if (!method.equals("floormod") && !method.equals("farmhash") || oovIndices != null && oovIndices > 1
                && !method.equals("floormod")) {
            config.problem("option oov_method='" + method + "' is not supported with num_oov_indices=" + oovIndices
                    + " (floormod only)");
        }
        Integer maskToken = integer(config, "mask_token", null);
        Integer oovToken = integer(config, "oov_token", -1);
        float[] vocabulary = vocabulary(config, t);
        KTensor x = GeneralConfig.single(config, t);
        if (vocabulary == null || x == null || !mode.equals("int") || oovIndices == null || oovIndices < 0) {
            if (oovIndices != null && oovIndices < 0) {
                config.problem("option num_oov_indices=" + oovIndices + " is not supported (0 or more)");
            }
            return List.of(t.unavailable());
        }
        boolean masked = maskToken != null;
        // Keras drops a leading [mask_token] + [oov_token] * num_oov_indices (a None oov_token matches no id)
        float[] specials = new float[(masked ? 1 : 0) + oovIndices];
        Arrays.fill(specials, oovToken == null ? Float.NaN : oovToken);
        if (masked) {
            specials[0] = maskToken;
        }
        if (vocabulary.length >= specials.length
                && Arrays.equals(Arrays.copyOf(vocabulary, specials.length), specials)) {
            vocabulary = Arrays.copyOfRange(vocabulary, specials.length, vocabulary.length);
        }
        if (vocabulary.length == 0) {
            config.problem("has an empty vocabulary, which Keras refuses");
            return List.of(t.unavailable());
        }
        try {
            return GeneralConfig.dropMask(t, new IndexLookup(vocabulary, masked, masked ? maskToken : 0, oovIndices), x);
        } catch (IllegalArgumentException e) {
            config.problem("has a vocabulary keras4j cannot use: " + e.getMessage());
            return List.of(t.unavailable());
        }
    }

    /**
     * Option {@code key}: an integer within 2^24, or {@code dflt} where it is absent; null where it is null, and after a
     * problem (recorded).
     */
    private static Integer integer(LayerConfig config, String key, Integer dflt) {
        JsonNode v = config.raw(key);
        if (v == null) {
            return dflt;
        }
        if (v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || Math.abs(v.asLong()) > IndexLookup.MAX_ID) {
            config.problem("option " + key + "=" + v + " is not supported (an integer within 2^24)");
            return null;
        }
        return v.asInt();
    }

    /** The config's vocabulary, or the archive's adapted one; null after a problem. */
    private static float[] vocabulary(LayerConfig config, Translation t) {
        JsonNode list = config.raw("vocabulary");
        List<Weight> assets = t.weights().stream().filter(w -> w.path().endsWith("vocabulary.txt")).toList();
        if (list != null && list.isArray()) {
            float[] v = new float[list.size()];
            for (int i = 0; i < v.length; i++) {
                JsonNode e = list.get(i);
                if (!e.isIntegralNumber() || Math.abs(e.asLong()) > IndexLookup.MAX_ID) {
                    config.problem("vocabulary entry " + e + " is not supported (integers up to 2^24, which float32 holds"
                            + " exactly)");
                    return null;
                }
                v[i] = e.asLong();
            }
            return v;
        }
        if (list != null && !list.isNull()) {
            config.problem("option vocabulary=" + list + " is not supported (a list of integers)");
            return null;
        }
        if (assets.size() != 1) {
            config.problem("has no vocabulary: neither in its config nor adapted in a .keras archive's assets (an .h5 file"
                    + " does not keep an adapted vocabulary)");
            return null;
        }
        return assets.get(0).values();
    }
}
