package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Tile;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.tile(x, repeats)}: one positive count per axis (fewer count for the last axes, numpy style),
 * 1 for the batch axis.
 */
final class TileOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        int[] repeats = GeneralConfig.intList(config, false, "repeats");
        if (x == null || repeats == null) {
            return List.of(t.unavailable());
        }
        int rank = t.shape(x.value()).length;
        float[] counts = new float[rank];
        boolean valid = repeats.length <= rank;
        for (int d = 0; d < rank; d++) {
            int i = d - (rank - repeats.length);
            counts[d] = i < 0 ? 1 : repeats[i];
            valid &= counts[d] >= 1 && counts[d] <= 1 << 24 && (d > 0 || counts[d] == 1);
        }
        if (!valid) {
            config.problem("option repeats=" + config.raw("repeats") + " is not supported for an input of rank " + rank
                    + " (positive counts, at most one per axis, 1 for the batch axis)");
            return List.of(t.unavailable());
        }
        String r = GeneralConfig.constant(t, counts, new int[] {rank});
        return List.of(new KTensor(t.emit(new Tile(), List.of(x.value(), r)).get(0), null));
    }
}
