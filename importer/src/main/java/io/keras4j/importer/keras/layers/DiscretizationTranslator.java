package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Bucketize;
import java.util.List;

/**
 * Keras Discretization (preprocessing): each value's bucket among {@code bin_boundaries} (given, or adapted: the file
 * keeps them), as TensorFlow's Bucketize counts them (see {@link Bucketize}); with {@code output_mode} int the indices as
 * floats, ready for an Embedding, with one_hot, multi_hot or count their encoding ({@link CategoricalEncoding}).
 * {@code num_bins} and {@code epsilon} only shape adapting. Drops the mask.
 */
final class DiscretizationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        JsonNode bins = config.raw("bin_boundaries");
        config.ignore("num_bins", "epsilon");
        String mode = config.string("int", "output_mode");
        if (!mode.equals("int") && !CategoricalEncoding.encodes(mode)) {
            config.problem("option output_mode='" + mode + "' is not supported (int, one_hot, multi_hot or count)");
        }
        config.require("sparse", false, "a sparse output");
        KTensor x = GeneralConfig.single(config, t);
        if (bins == null || !bins.isArray()) {
            config.problem("option bin_boundaries=" + bins + " is not supported (a list of numbers, as adapting leaves it)");
            return List.of(t.unavailable());
        }
        float[] boundaries = new float[bins.size()];
        for (int i = 0; i < boundaries.length; i++) {
            boundaries[i] = bins.get(i).floatValue();
            if (!bins.get(i).isNumber() || i > 0 && !(boundaries[i - 1] <= boundaries[i])) {
                config.problem("option bin_boundaries=" + bins + " is not supported (ascending numbers)");
                return List.of(t.unavailable());
            }
        }
        if (x == null || !mode.equals("int") && !CategoricalEncoding.encodes(mode)) {
            return List.of(t.unavailable());
        }
        String buckets = t.emit(new Bucketize(boundaries), List.of(x.value())).get(0);
        return List.of(mode.equals("int") ? new KTensor(buckets, null)
                : CategoricalEncoding.emit(config, t, buckets, boundaries.length + 1, mode));
    }
}
