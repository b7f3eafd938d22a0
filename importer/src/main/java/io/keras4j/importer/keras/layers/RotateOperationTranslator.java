package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Transpose;
import io.keras4j.runtime.ops.primitive.ReverseAxis;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.rot90(x, k, axes)}: {@code k} quarter turns (any int, taken modulo 4) in the plane of
 * {@code axes} (two different axes, neither the batch axis), as numpy and Keras' TensorFlow backend: one turn reverses
 * the second axis, then swaps the two; two reverse both; three swap them, then reverse the second. Two turns of a plane
 * whose sides differ (or are known only at run time) are refused: Keras' TensorFlow backend reshapes the once-turned
 * plane back to the unturned sides, which reflows its values instead of turning them again.
 */
final class RotateOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        int[] k = GeneralConfig.intList(config, false, "k");
        int[] raw = GeneralConfig.intList(config, false, "axes");
        if (k != null && k.length != 1) {
            config.problem("option k=" + config.raw("k") + " must be one integer");
        }
        if (x == null || raw == null || k == null || k.length != 1) {
            return List.of(t.unavailable());
        }
        int turns = Math.floorMod(k[0], 4);
        int rank = t.shape(x.value()).length;
        if (raw.length != 2) {
            config.problem("option axes=" + config.raw("axes") + " must be two axes");
            return List.of(t.unavailable());
        }
        int a = GeneralConfig.axis(config, "axes", raw[0], rank, false);
        int b = GeneralConfig.axis(config, "axes", raw[1], rank, false);
        if (a < 0 || b < 0 || a == b) {
            if (a == b && a >= 0) {
                config.problem("option axes=" + config.raw("axes") + " names one axis twice");
            }
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        if (turns == 2 && (shape[a] != shape[b] || shape[a] < 0)) {
            config.problem("option k=" + k[0] + " is not supported on sides " + shape[a] + " and " + shape[b]
                    + " (Keras' TensorFlow backend reflows the values of a plane that is not square)");
            return List.of(t.unavailable());
        }
        int[] swap = new int[rank];
        for (int i = 0; i < rank; i++) {
            swap[i] = i == a ? b : i == b ? a : i;
        }
        String v = x.value();
        if (turns == 3) {
            v = GeneralConfig.emit(t, new Transpose("Transpose", swap), v);
        }
        if (turns == 2) {
            v = GeneralConfig.emit(t, new ReverseAxis(a), v);
        }
        if (turns > 0) {
            v = GeneralConfig.emit(t, new ReverseAxis(b), v);
        }
        if (turns == 1) {
            v = GeneralConfig.emit(t, new Transpose("Transpose", swap), v);
        }
        return List.of(new KTensor(v, null));
    }
}
