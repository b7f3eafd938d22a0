package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.slice(x, start_indices, shape)}, TensorFlow's {@code tf.slice}: on each axis {@code shape}
 * positions from {@code start_indices} (constant integers, not negative), a size of -1 taking the rest of the axis. The
 * batch axis is taken whole (start 0, size -1). Where an axis's length is known at import, a slice past its end (which
 * TensorFlow refuses) is refused; where it is known only at run time, the slice stops at the axis's end.
 */
final class SliceOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        List<KTensor> in = OperationArguments.leading(config, t, 2, 1, "a tensor and start indices");
        int[] sizes = GeneralConfig.intList(config, false, "shape");
        if (in == null || sizes == null) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(in.get(0).value());
        JsonNode startArgument = t.positionalArguments().get(1);
        OperationArguments.Array start = OperationArguments.array(startArgument, true);
        if (t.inputs().size() != 1 || start == null || start.shape().length != 1 || start.values().length != shape.length
                || sizes.length != shape.length) {
            config.problem("start_indices " + OperationArguments.quote(startArgument) + " and shape "
                    + GeneralConfig.shapeText(sizes) + " are not supported for an input of shape "
                    + GeneralConfig.shapeText(shape) + " (constant integers, one start and one size per axis)");
            return List.of(t.unavailable());
        }
        if (start.values()[0] != 0 || sizes[0] != -1) {
            config.problem("slices the batch axis (start " + (long) start.values()[0] + ", size " + sizes[0] + "), which"
                    + " keras4j takes whole (start 0, size -1)");
            return List.of(t.unavailable());
        }
        List<float[]> rows = new ArrayList<>();
        for (int axis = 1; axis < shape.length; axis++) {
            long from = (long) start.values()[axis];
            int size = sizes[axis];
            long to = size == -1 ? shape[axis] : from + size;
            if (from < 0 || size < -1 || shape[axis] >= 0 && (from > shape[axis] || to > shape[axis])) {
                config.problem("slice of " + size + " from " + from + " on axis " + axis + " is not supported for an input"
                        + " of shape " + GeneralConfig.shapeText(shape) + " (a start from 0 and a size of -1 or one"
                        + " that ends within the axis, as TensorFlow's slice takes them)");
                return List.of(t.unavailable());
            }
            rows.add(new float[] {from, size == -1 ? OperationArguments.END : to, axis, 1});
        }
        return List.of(new KTensor(OperationArguments.slice(t, in.get(0).value(), rows), null));
    }
}
