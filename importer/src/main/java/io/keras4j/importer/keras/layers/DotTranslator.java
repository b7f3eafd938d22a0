package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.BatchDot;
import java.util.List;

/**
 * Keras Dot of two inputs: {@code axes} (one for both inputs, or one each; negative counts from the end of each input),
 * {@code normalize} (cosine proximity). As in Keras the output has no mask.
 */
final class DotTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        boolean normalize = config.bool(false, "normalize");
        List<KTensor> ins = t.inputs();
        if (ins.size() != 2) {
            config.problem("expects 2 inputs, got " + ins.size());
            return List.of(t.unavailable());
        }
        int[] axes = GeneralConfig.intList(config, false, "axes");
        if (axes == null) {
            return List.of(t.unavailable());
        }
        if (axes.length != 1 && axes.length != 2) {
            config.problem("option axes=" + config.raw("axes") + " must be one axis or two");
            return List.of(t.unavailable());
        }
        int[] axis = new int[2];
        for (int i = 0; i < 2; i++) {
            int rank = t.shape(ins.get(i).value()).length;
            int raw = axes[axes.length == 1 ? 0 : i];
            // Keras takes a negative axis modulo each input's rank, and a positive one as it is
            axis[i] = GeneralConfig.axis(config, "axes", raw < 0 ? Math.floorMod(raw, rank) : raw, rank, false);
            if (axis[i] < 0) {
                return List.of(t.unavailable());
            }
        }
        BatchDot op = new BatchDot(axis[0], axis[1], normalize);
        return List.of(new KTensor(t.emit(op, List.of(ins.get(0).value(), ins.get(1).value())).get(0), null));
    }
}
