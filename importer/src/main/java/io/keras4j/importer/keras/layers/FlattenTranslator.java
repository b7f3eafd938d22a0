package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Reshape;
import io.keras4j.runtime.ops.Transpose;
import java.util.List;

/**
 * Keras Flatten: {@code [batch, ...] -> [batch, n]}. With data_format channels_first the channel axis
 * (axis 1) is first moved last, as Keras does. Flatten drops the mask.
 */
final class FlattenTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        boolean channelsFirst = GeneralConfig.channelsFirst(config);
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        String value = x.value();
        int rank = t.shape(value).length;
        if (channelsFirst && rank > 2) {
            int[] perm = new int[rank];
            for (int d = 1; d < rank - 1; d++) {
                perm[d] = d + 1;
            }
            perm[rank - 1] = 1;
            value = t.emit(new Transpose("Flatten", perm), List.of(value)).get(0);
        }
        return List.of(new KTensor(t.emit(new Reshape("Flatten", new int[] {-1}), List.of(value)).get(0), null));
    }
}
