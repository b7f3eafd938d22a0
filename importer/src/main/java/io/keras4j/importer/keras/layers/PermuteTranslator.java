package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Transpose;
import java.util.Arrays;
import java.util.List;

/** Keras Permute(dims): dims is a permutation of the non-batch axes 1..n; drops the mask. */
final class PermuteTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int[] dims = GeneralConfig.intList(config, false, "dims");
        KTensor x = GeneralConfig.single(config, t);
        if (dims == null || x == null) {
            return List.of(t.unavailable());
        }
        int[] sorted = GeneralConfig.sorted(dims);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != i + 1) {
                config.problem("option dims=" + Arrays.toString(dims) + " must be a permutation of 1.." + dims.length);
                return List.of(t.unavailable());
            }
        }
        int[] perm = new int[dims.length + 1];
        System.arraycopy(dims, 0, perm, 1, dims.length);
        return GeneralConfig.dropMask(t, new Transpose("Permute", perm), x);
    }
}
