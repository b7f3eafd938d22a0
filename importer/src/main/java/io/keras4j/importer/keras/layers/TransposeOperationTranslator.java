package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Transpose;
import java.util.Arrays;
import java.util.List;

/** Keras 3 {@code keras.ops.transpose(x, axes)}: a permutation of the axes that keeps the batch axis first. */
final class TransposeOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        int[] raw = GeneralConfig.intList(config, true, "axes");
        if (x == null) {
            return List.of(t.unavailable());
        }
        int rank = t.shape(x.value()).length;
        int[] perm = new int[rank];
        for (int i = 0; raw != null && i < raw.length && i < rank; i++) {
            perm[i] = raw[i] < 0 ? raw[i] + rank : raw[i];
        }
        int[] sorted = perm.clone();
        Arrays.sort(sorted);
        if (raw == null || raw.length != rank || perm[0] != 0 || !Arrays.equals(sorted, java.util.stream.IntStream
                .range(0, rank).toArray())) {
            config.problem("option axes=" + config.raw("axes") + " is not supported for an input of rank " + rank
                    + " (a permutation of its axes that keeps the batch axis first; None reverses them all)");
            return List.of(t.unavailable());
        }
        return GeneralConfig.dropMask(t, new Transpose("Transpose", perm), x);
    }
}
