package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.FingerprintHash;
import java.util.List;

/**
 * Keras Hashing (preprocessing) of numbers, as its TensorFlow backend computes it: each value's bucket among
 * {@code num_bins} by the runtime op {@link FingerprintHash} ({@code mask_value}, where given, in bucket 0); with
 * {@code output_mode} int the buckets as floats (the layer's integer dtype admitted), with one_hot, multi_hot or count their encoding
 * ({@link CategoricalEncoding}). A {@code salt} (which makes Keras use SipHash) and sparse outputs are refused. Drops
 * the mask.
 */
final class HashingTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int bins = config.positiveInt("num_bins");
        GeneralConfig.requireNull(config, "salt", "a salt makes Keras hash with SipHash, which keras4j does not compute");
        JsonNode mask = config.raw("mask_value");
        if (mask != null && !mask.isNull() && !mask.isNumber()) {
            config.problem("option mask_value=" + mask + " is not supported (a number; keras4j's tensors hold numbers)");
        }
        String mode = config.string("int", "output_mode");
        if (!mode.equals("int") && !CategoricalEncoding.encodes(mode)) {
            config.problem("option output_mode='" + mode + "' is not supported (int, one_hot, multi_hot or count)");
        }
        config.require("sparse", false, "a sparse output");
        config.integerOutput();
        KTensor x = GeneralConfig.single(config, t);
        if (x == null || config.hasProblems()) {
            return List.of(t.unavailable());
        }
        Float maskValue = mask == null || mask.isNull() || bins < 2 ? null : (float) mask.asDouble();
        String buckets = GeneralConfig.emit(t, new FingerprintHash(bins, maskValue), x.value());
        return List.of(mode.equals("int") ? new KTensor(buckets, null)
                : CategoricalEncoding.emit(config, t, buckets, bins, mode));
    }
}
