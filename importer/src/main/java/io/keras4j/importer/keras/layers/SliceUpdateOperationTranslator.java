package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Pad;
import io.keras4j.runtime.ops.primitive.Where;
import java.util.Arrays;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.slice_update(x, start_indices, updates)} as its TensorFlow backend (XLA's
 * DynamicUpdateSlice): {@code updates}, a tensor of x's rank and batch, written over x from the start indices (constant
 * integers), each clamped so that the update fits, as XLA clamps them (the batch's start is therefore 0). Computed as the
 * updates padded with zeros to x's shape, chosen by a constant mask of the written window; x's and the updates' sizes
 * must be known at import.
 */
final class SliceUpdateOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        List<KTensor> in = t.inputs();
        var args = t.positionalArguments();
        OperationArguments.Array start = args.size() == 3 ? OperationArguments.array(args.get(1), true) : null;
        if (in.size() != 2 || !OperationArguments.isTensor(args.path(0)) || !OperationArguments.isTensor(args.path(2))
                || start == null || start.shape().length != 1) {
            config.problem("expects a tensor, constant integer start indices and a tensor of updates, got "
                    + OperationArguments.quote(args));
            return List.of(t.unavailable());
        }
        int[] x = t.shape(in.get(0).value());
        int[] u = t.shape(in.get(1).value());
        int[] starts = new int[start.values().length];
        for (int d = 0; d < starts.length; d++) {
            starts[d] = (int) start.values()[d];
        }
        boolean known = u.length == x.length && starts.length == x.length;
        for (int d = 1; known && d < x.length; d++) {
            known = u[d] >= 0 && u[d] <= x[d];
        }
        if (!known) {
            config.problem("updates of shape " + GeneralConfig.shapeText(u) + " from start " + Arrays.toString(starts)
                    + " do not fit x of shape " + GeneralConfig.shapeText(x) + " (one start per axis,"
                    + " updates of x's rank, each size known at import and at most x's)");
            return List.of(t.unavailable());
        }
        int rank = x.length;
        int[] pads = new int[2 * rank];
        int[] maskShape = x.clone();
        maskShape[0] = 1;
        for (int d = 1; d < rank; d++) {
            pads[d] = Math.min(Math.max(starts[d], 0), x[d] - u[d]);
            pads[rank + d] = x[d] - u[d] - pads[d];
        }
        float[] mask = new float[Arrays.stream(maskShape).reduce(1, Math::multiplyExact)];
        for (int i = 0; i < mask.length; i++) {
            boolean inside = true;
            for (int d = rank - 1, rest = i; d >= 1; rest /= maskShape[d], d--) {
                int at = rest % maskShape[d];
                inside &= at >= pads[d] && at < pads[d] + u[d];
            }
            mask[i] = inside ? 1f : 0f;
        }
        String padded = GeneralConfig.emit(t, new Pad(pads, 0f), in.get(1).value());
        String chosen = GeneralConfig.constant(t, mask, maskShape);
        return List.of(new KTensor(t.emit(new Where(), List.of(chosen, padded, in.get(0).value())).get(0), null));
    }
}
